"""
Who must sign in to the admin with a second factor, and whether an account has one.

wagtail-2fa (with ADMIN_2FA_REQUIRED on, as production has it) sends every user holding the permission
`wagtailadmin.enable_2fa` to set up an authenticator app before anything else, and asks whoever has a device
for its code at every sign-in. Superusers hold every permission. The permission is granted to each staff group
that holds personal data, licences, registrations or publishing rights:

- publishing rights: `publish_page` anywhere (section editors, Approvers, Wagtail's Moderators), or any right over
  the whole Chinese site (the tree's root or the Chinese home page: Wagtail's Editors), which also reaches every
  form page's submissions;
- personal data: the personal-data requests (`home.manage_personal_data`), membership applications with their
  licences (membership), event registrations (news), the sign-in records (axes), and managing users and groups
  (whoever can do that can give themselves any of the above).

Groups created by migrations get it from data migrations (home, membership, news: each for the rights it
defines); the editorial roles made by the content loaders get it where they are made (home/editorial/roles.py).
Translators and the editors of reviewed sections (they submit to an approver) need none, but may add one.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

import django_otp

APP_LABEL, CODENAME = "wagtailadmin", "enable_2fa"
PERMISSION = f"{APP_LABEL}.{CODENAME}"

# Rights of the base (and of the packages it builds on) that hold personal data or hand out every other right.
PERSONAL_DATA_PERMISSIONS = (
    ("home", "manage_personal_data"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accesslog"),
    ("axes", "view_accessfailurelog"),
    *(("auth", f"{action}_{model}") for model in ("user", "group") for action in ("add", "change", "delete")),
)


def second_factor_permission(permission_model=Permission):
    """The "Enable 2FA" permission row (made by wagtail-2fa's first migration)."""
    return permission_model.objects.get(content_type__app_label=APP_LABEL, codename=CODENAME)


def require_second_factor(group: Group) -> None:
    """Members of `group` must set up and use a second factor (while ADMIN_2FA_REQUIRED is on)."""
    group.permissions.add(second_factor_permission())


def holding_any(permissions: Iterable[tuple[str, str]]) -> Q:
    """A filter of Group rows holding any of these global permissions."""
    query = Q(pk__in=[])
    for app_label, codename in permissions:
        query |= Q(permissions__content_type__app_label=app_label, permissions__codename=codename)
    return query


def grant_in_migration(apps, groups_filter: Q) -> None:
    """Data migrations: give "Enable 2FA" to every group matching `groups_filter` (historical models)."""
    group_model = apps.get_model("auth", "Group")
    permission = second_factor_permission(apps.get_model("auth", "Permission"))
    for group in group_model.objects.filter(groups_filter).distinct():
        group.permissions.add(permission)


def has_active_second_factor(user) -> bool:
    """
    Whether signing in as `user` needs more than the password: the second factor is enforced
    (ADMIN_2FA_REQUIRED) and the account has a confirmed device (an authenticator app or recovery codes).
    """
    if not settings.WAGTAIL_2FA_REQUIRED or user is None:
        return False
    return django_otp.user_has_device(user, confirmed=True)
