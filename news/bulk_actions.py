"""Bulk check-in of event registrations: choose them in the list, confirm, done (Wagtail's bulk actions)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.views.bulk_action import BulkAction

from .models import Registration

CHANGE_PERMISSION = "news.change_registration"


class CheckInBulkAction(BulkAction):
    display_name = _("Check in")
    action_type = "check_in"
    aria_label = _("Check in the selected registrations")
    template_name = "news/admin/confirm_bulk_check_in.html"
    models = [Registration]
    action_priority = 10

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Registration.objects.filter(pk__in=object_ids).select_related("event").order_by("pk"))

    def check_perm(self, registration) -> bool:
        # Only a confirmed registration not yet checked in is checked in; the others are listed apart.
        return (
            self.request.user.has_perm(CHANGE_PERMISSION)
            and registration.status == Registration.Status.CONFIRMED
            and registration.checked_in_at is None
            and registration.confirm_by is None  # not yet confirmed by e-mail: not (yet) a place
        )

    def object_context(self, registration):
        return {"item": registration}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        pending = Registration.objects.filter(
            pk__in=[registration.pk for registration in objects],
            status=Registration.Status.CONFIRMED,
            checked_in_at__isnull=True,
            confirm_by__isnull=True,
        )
        return pending.update(checked_in_at=timezone.now()), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d registration checked in.", "%(count)d registrations checked in.", num_parent_objects
        ) % {"count": num_parent_objects}
