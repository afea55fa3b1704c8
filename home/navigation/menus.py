"""The editable menus: one translatable record per locale, edited as a snippet, translated with wagtail-localize."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

from home.navigation.blocks import FooterColumnBlock, MainMenuItemBlock, MenuLinkBlock


class SiteNavigation(TranslatableMixin, models.Model):
    """
    The main menu with its drop-downs, the header shortcuts and the footer columns of one locale.

    The Chinese record is the source; its English translation is made in wagtail-localize's editor
    (labels and headings are its segments). Chosen pages stay the Chinese ones in the translation
    and are shown as their translation in the menu's locale; a page not translated yet is left out,
    so the English site never shows a Chinese menu entry.
    """

    main_menu = StreamField([("item", MainMenuItemBlock())], blank=True, verbose_name=_("main menu"))
    header_shortcuts = StreamField([("link", MenuLinkBlock())], blank=True, verbose_name=_("header shortcuts"))
    footer_columns = StreamField([("column", FooterColumnBlock())], blank=True, verbose_name=_("footer columns"))

    panels = [FieldPanel("main_menu"), FieldPanel("header_shortcuts"), FieldPanel("footer_columns")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menus and footer")
        verbose_name_plural = _("menus and footer")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_site_navigation_per_locale")]

    def __str__(self):
        return _("Menus and footer (%(language)s)") % {"language": self.locale.get_display_name()}
