"""The retention periods as a fact block of the privacy policy, read from the settings the purge enforces."""

from django.utils.translation import gettext_lazy as _

from home.personal_data.retention import rules
from home.site_facts import SiteFactBlock


class RetentionPeriodsBlock(SiteFactBlock):
    """How long each kind of personal data is kept: one sentence per registered retention rule."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Two sources may share a rule's setting (form submissions of two kinds): one sentence each.
        context["periods"] = list(dict.fromkeys(rule.text() for rule in rules()))
        return context

    class Meta:
        icon = "time"
        label = _("How long personal data is kept")
        template = "blocks/site_facts/retention_periods.html"
