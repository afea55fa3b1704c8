"""The admin of the editable menus and footer: one SiteNavigation record per locale, edited, never added."""

from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from home.navigation.menus import SiteNavigation


class EditOnlyPolicy(ModelPermissionPolicy):
    """One record per locale, made by the loader or by translating the Chinese one: edited, never added or deleted."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


class SiteNavigationViewSet(SnippetViewSet):
    model = SiteNavigation
    icon = "list-ul"
    menu_label = _("Menus and footer")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["__str__", "locale"]
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return EditOnlyPolicy(self.model)

    @property
    def breadcrumbs_items(self):
        # Wagtail 7.4's snippet viewset builds the "Home" crumb with a non-lazy gettext once, at URL
        # set-up: it stays in whichever language the first request had. A lazy label follows each user.
        first, *rest = super().breadcrumbs_items
        return [{**first, "label": _("Home")}, *rest]
