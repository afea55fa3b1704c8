"""Select boxes of the public forms: they start on “Please select” (请选择), never Django's “---------”."""

from django.utils.translation import gettext_lazy as _

PLEASE_SELECT = _("Please select")


def with_placeholder(choices) -> list[tuple[str, str]]:
    """`choices` after an empty first option reading “Please select”: a required select then has no default."""
    return [("", PLEASE_SELECT), *choices]
