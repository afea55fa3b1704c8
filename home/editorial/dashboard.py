"""
The base's dashboard panels: translations that lag behind and translations awaiting review (both from the status
report's computation), pages scheduled to go live.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permissions import page_permission_policy

from home.editorial.translation_status import (
    AWAITING_REVIEW,
    IN_TRANSLATION,
    MISSING,
    OUT_OF_DATE,
    translation_status,
)
from home.navigation.menus import SiteNavigation
from home.navigation.report import link_names, waiting_for_content

SCHEDULED_LIMIT = 10
# Pages and snippets shown per kind of gap (the report lists them all).
EXAMPLES = 5
TRANSLATION_PERMISSION = "wagtail_localize.submit_translation"


class TranslationsPanel(Component):
    """
    Translations missing, out of date, in translation or awaiting review, each kind with a few of its pages and
    snippets linked: the counts of the translation status report (one computation,
    home.editorial.translation_status), which the panel links to, filtered by state.
    """

    name = "translation_status"
    template_name = "home/admin/translations_panel.html"
    order = 150

    def __init__(self, rows: list, counts):
        self.rows = rows
        self.counts = counts

    def get_context_data(self, parent_context):
        labels = {
            MISSING: _("Not translated yet"),
            OUT_OF_DATE: _("Chinese page changed since the last translation"),
            IN_TRANSLATION: pgettext("translation state", "Being translated (not published)"),
            AWAITING_REVIEW: pgettext("translation state", "Translated, awaiting review"),
        }
        rows, counts = self.rows, self.counts
        report = reverse("editorial_translation_status")
        gaps = [
            {
                "key": state,
                "label": label,
                "count": counts[state],
                "examples": [row for row in rows if row.state == state][:EXAMPLES],
                "report_url": f"{report}?{urlencode({'state': state})}",
            }
            for state, label in labels.items()
        ]
        return {"gaps": gaps, "report_url": report}


class ReviewPanel(Component):
    """
    For approvers: the translations their translators marked ready, which they may publish, each linked to its
    review screen — the status report's rows in the state *awaiting review* (the same computation).
    """

    name = "translations_awaiting_review"
    template_name = "home/admin/review_panel.html"
    order = 140

    def __init__(self, rows: list):
        self.rows = rows

    def get_context_data(self, parent_context):
        report = reverse("editorial_translation_status")
        return {"rows": self.rows, "report_url": f"{report}?{urlencode({'state': AWAITING_REVIEW})}"}


def awaiting_review_for(user, rows: list) -> list:
    """The rows awaiting review whose translated page this user may publish (one query)."""
    awaiting = [row for row in rows if row.state == AWAITING_REVIEW]
    if not awaiting:
        return []
    publishable = set(
        page_permission_policy.instances_user_has_permission_for(user, "publish")
        .filter(pk__in=[row.target_id for row in awaiting])
        .values_list("pk", flat=True)
    )
    return [row for row in awaiting if row.target_id in publishable]


class ScheduledPagesPanel(Component):
    """Pages (or new versions of them) that go live later, soonest first."""

    name = "scheduled_pages"
    template_name = "home/admin/scheduled_pages_panel.html"
    order = 160

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        editable = page_permission_policy.instances_user_has_permission_for(self.user, "change")
        revisions = list(
            Revision.page_revisions.filter(approved_go_live_at__gt=timezone.now()).order_by("approved_go_live_at")
        )
        pages = Page.objects.filter(pk__in=[int(r.object_id) for r in revisions]) & editable
        by_id = {page.pk: page for page in pages.select_related("locale")}
        scheduled = [
            {"page": by_id[int(r.object_id)], "go_live_at": r.approved_go_live_at}
            for r in revisions
            if int(r.object_id) in by_id
        ]
        return {"scheduled": scheduled[:SCHEDULED_LIMIT]}


class WaitingForContentPanel(Component):
    """
    Sections waiting for content: what the menus name but the site leaves out for now — listings with nothing
    published (hidden while empty) and pages waiting to be written (drafts) — per language, each linked.
    """

    name = "waiting_for_content"
    template_name = "home/admin/waiting_for_content_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        records = sorted(
            SiteNavigation.objects.select_related("locale"),
            key=lambda record: record.locale.language_code != settings.LANGUAGE_CODE,
        )
        # Each entry is named as the editors named it in the source language (Chinese), with the languages in which
        # the site leaves it out: the dashboard speaks the editors' language, not the translation's.
        names = link_names(records[0]) if records else {}
        rows: dict[tuple, dict] = {}
        for navigation in records:
            for entry in waiting_for_content(navigation):
                entry.label, entry.place = names.get((entry.chosen_id, entry.query), (entry.label, entry.place))
                row = rows.setdefault((entry.chosen_id, entry.query, entry.reason), {"entry": entry, "languages": []})
                row["languages"].append(navigation.locale.get_display_name())
        return {"rows": list(rows.values())}


def dashboard_panels(request) -> list[Component]:
    user = request.user
    panels = []
    reviews = page_permission_policy.user_has_permission(user, "publish")
    translates = user.has_perm(TRANSLATION_PERMISSION)
    if reviews or translates:
        # The status report's computation, once for both panels.
        rows, counts, _locales = translation_status()
        awaiting = awaiting_review_for(user, rows) if reviews else []
        if awaiting:
            panels.append(ReviewPanel(awaiting))
        if translates:
            panels.append(TranslationsPanel(rows, counts))
    if page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"]):
        panels.append(WaitingForContentPanel())
        panels.append(ScheduledPagesPanel(user))
    return panels
