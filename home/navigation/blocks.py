"""
The blocks editors build the menus and the footer with (see `home.navigation.menus.SiteNavigation`).

A link points to a page (chosen, so renaming a slug or moving the page never breaks it), optionally
with a filter of that page's listing (a category, the upcoming or past events), or to an external
address. The filters are contributed by the apps that own them through the
`register_menu_link_filters` hook: the base only appends the chosen query string to the page's URL.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.blocks.struct_block import StructBlockValidationError

MENU_LINK_FILTERS_HOOK = "register_menu_link_filters"


def menu_link_filters() -> list[tuple[str, str]]:
    """(query string, label) of every filter the apps offer, e.g. ("category=policies", "分类：最新政策")."""
    choices: list[tuple[str, str]] = []
    for hook in hooks.get_hooks(MENU_LINK_FILTERS_HOOK):
        choices.extend(hook())
    return choices


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    filter = blocks.ChoiceBlock(
        choices=menu_link_filters,
        required=False,
        label=_("Filter of the page's listing"),
        help_text=_("For a section page: one category, or the upcoming or past events."),
    )
    url = blocks.URLBlock(required=False, label=_("External address"), help_text=_("Instead of a page."))
    label = blocks.CharBlock(required=False, max_length=60, label=_("Label"), help_text=_("Blank: the page's title."))

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(_("Choose a page or give an external address (one of the two)."))
        if value.get("filter") and not value.get("page"):
            errors["filter"] = ValidationError(_("A filter needs a page."))
        if value.get("url") and not value.get("label"):
            errors["label"] = ValidationError(_("An external link needs a label."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class MainMenuItemBlock(MenuLinkBlock):
    automatic_dropdown = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Automatic drop-down"),
        help_text=_("When no drop-down links are given: a text page lists its sub-pages, a section its categories."),
    )
    children = blocks.ListBlock(MenuLinkBlock(), default=[], label=_("Drop-down links"))

    class Meta:
        icon = "list-ul"
        label = _("Main menu entry")


class FooterColumnBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=60, label=_("Heading"))
    links = blocks.ListBlock(MenuLinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Footer column")
