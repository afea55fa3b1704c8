"""The base's dashboard panels: translations that lag behind, pages scheduled to go live."""

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permissions import page_permission_policy

from .translation_status import translation_status

SCHEDULED_LIMIT = 10
TRANSLATION_PERMISSION = "wagtail_localize.submit_translation"


class TranslationsPanel(Component):
    """English pages missing, out of date or unpublished, each kind with its pages linked."""

    name = "translation_status"
    template_name = "home/admin/translations_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        labels = {
            "missing": _("Not translated yet"),
            "outdated": _("Chinese page changed since the last translation"),
            "unpublished": _("Translation not published"),
        }
        return {"gaps": translation_status(labels)}


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


def dashboard_panels(request) -> list[Component]:
    user = request.user
    panels = []
    if user.has_perm(TRANSLATION_PERMISSION):
        panels.append(TranslationsPanel())
    if page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"]):
        panels.append(ScheduledPagesPanel(user))
    return panels
