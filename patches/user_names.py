"""
Staff names in the order their language writes them.

Django's `get_full_name()` is "first last": the admin (Wagtail shows it in the account menu, the users list, page
histories, workflow e-mails and every "by …") called 张伟 "伟 张". A Chinese name is written family name first
and without a space, in either admin language; other names keep Django's order.
"""

from django.contrib.auth.models import AbstractUser

from home.search.chinese import has_chinese

django_get_full_name = AbstractUser.get_full_name


def get_full_name(user) -> str:
    given, family = user.first_name.strip(), user.last_name.strip()
    if has_chinese(given + family):
        return f"{family}{given}"
    return django_get_full_name(user)


def install() -> None:
    AbstractUser.get_full_name = get_full_name
