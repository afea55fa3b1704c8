"""
The admin's Settings → Sign-in lockouts: who is locked out from where (django-axes, per user name and address)
and which accounts are locked for every address (home/security/account_protection.py); both can be lifted.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from axes.models import AccessAttempt

from home.security.models import AccountLockout
from home.security.second_factor import has_active_second_factor

# The account locks shown above the per-address list: the latest first.
SHOWN_ACCOUNT_LOCKS = 50


class ViewAndLiftPolicy(ModelPermissionPolicy):
    """Lockouts come from failed sign-ins only: the admin may view them and delete (lift) them."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def lockout_policy() -> ViewAndLiftPolicy:
    return ViewAndLiftPolicy(AccessAttempt)


@dataclass
class AccountLockRow:
    lockout: AccountLockout
    state: str
    lifts: bool  # the button lifts a running lock (else it clears the record)


def account_lock_rows() -> list[AccountLockRow]:
    rows = []
    for lockout in AccountLockout.objects.all()[:SHOWN_ACCOUNT_LOCKS]:
        if has_active_second_factor(lockout.owner()):
            rows.append(AccountLockRow(lockout, _("Not locked: the account signs in with a second factor"), False))
        elif lockout.is_locking:
            rows.append(AccountLockRow(lockout, _("Locked for every address"), True))
        else:
            rows.append(AccountLockRow(lockout, _("Lock ended"), False))
    return rows


class LockoutIndexView(IndexView):
    """The per-address lockouts, with the accounts locked for every address above them."""

    page_title = _("Sign-in lockouts")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account_locks"] = account_lock_rows()
        context["can_lift"] = lockout_policy().user_has_permission(self.request.user, "delete")
        return context


@require_POST
def lift_account_lock(request, pk: int):
    """Lifts (deletes) one account lock; the account signs in again from every address at once."""
    if not lockout_policy().user_has_permission(request.user, "delete"):
        raise PermissionDenied
    deleted, _rows = AccountLockout.objects.filter(pk=pk).delete()
    if deleted:
        messages.success(request, _("The account lock was lifted."))
    return redirect(reverse("sign_in_lockouts:index"))


class LockoutViewSet(ModelViewSet):
    """Settings → Sign-in lockouts: who is locked out from where; deleting an entry lifts the lock."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    index_template_name = "home/admin/sign_in_lockouts.html"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username", "ip_address"]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]

    @property
    def permission_policy(self):
        return lockout_policy()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("accounts/<int:pk>/lift/", lift_account_lock, name="lift_account_lock"),
        ]
