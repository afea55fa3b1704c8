"""The admin's Settings → Sign-in lockouts (django-axes): who is locked out from where, liftable."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from axes.models import AccessAttempt


class ViewAndLiftPolicy(ModelPermissionPolicy):
    """Lockouts come from failed sign-ins only: the admin may view them and delete (lift) them."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    """Settings → Sign-in lockouts: who is locked out from where; deleting an entry lifts the lock."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username", "ip_address"]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]

    @property
    def permission_policy(self):
        return ViewAndLiftPolicy(self.model)
