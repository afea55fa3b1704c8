"""
Sign-in lockouts named in the staff member's language.

django-axes names a lockout record "Attempted Access: <time>", in English and outside gettext; Wagtail's lockout
screens (Settings → Sign-in lockouts: the listing's menus, the inspect and lift pages) print that name. Here it
names the user name and address through the catalogue instead. django-axes' own method is kept for its tests.
"""

from django.utils.translation import gettext

from axes.models import AccessAttempt

axes_access_attempt_str = AccessAttempt.__str__


def access_attempt_str(attempt) -> str:
    return gettext("%(username)s from %(address)s") % {
        "username": attempt.username or "—",
        "address": attempt.ip_address or "—",
    }


def install() -> None:
    AccessAttempt.__str__ = access_attempt_str
