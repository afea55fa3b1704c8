"""The retention periods on the privacy page, read from the same settings the purge enforces."""

from django import template

from home.personal_data.retention import rules
from home.privacy import PRIVACY_SLUG

register = template.Library()


@register.inclusion_tag("home/tags/retention_periods.html")
def retention_periods(page) -> dict:
    """On the privacy page only: one line per kind of personal data and how long it is kept."""
    if getattr(page, "slug", None) != PRIVACY_SLUG:
        return {"periods": []}
    return {"periods": [rule.text() for rule in rules()]}
