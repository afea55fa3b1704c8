"""The admin of the editable menus and footer: one SiteNavigation record per locale, edited, never added."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, Panel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from home.navigation.menus import SiteNavigation
from home.navigation.report import hidden_entries


class EditOnlyPolicy(ModelPermissionPolicy):
    """One record per locale, made by the loader or by translating the Chinese one: edited, never added or deleted."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


class HiddenEntriesPanel(Panel):
    """
    Above the menus: the entries the public site leaves out right now and why ("hidden while empty", a draft
    page…), so an entry that is in the editor and not on the site puzzles nobody.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/hidden_menu_entries.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["hidden"] = hidden_entries(instance) if instance is not None and instance.pk else []
            return context


class SiteNavigationViewSet(SnippetViewSet):
    model = SiteNavigation
    icon = "list-ul"
    menu_label = _("Menus and footer")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["__str__", "locale"]
    copy_view_enabled = False
    panels = [
        HiddenEntriesPanel(heading=_("Not shown on the site right now")),
        FieldPanel("main_menu"),
        FieldPanel("header_shortcuts"),
        FieldPanel("footer_columns"),
    ]

    @property
    def permission_policy(self):
        return EditOnlyPolicy(self.model)

    @property
    def breadcrumbs_items(self):
        # Wagtail 7.4's snippet viewset builds the "Home" crumb with a non-lazy gettext once, at URL
        # set-up: it stays in whichever language the first request had. A lazy label follows each user.
        first, *rest = super().breadcrumbs_items
        return [{**first, "label": _("Home")}, *rest]
