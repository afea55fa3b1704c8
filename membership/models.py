"""Membership pages: the application page (申请入会) and the member directory (会员单位)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.page_fields import SYNCHRONISED_SLUG
from news.blocks import BodyBlock


class MembershipPage(Page):
    """申请入会 / Join: how membership works; its children are benefits, services and how to join."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    template = "membership/membership_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("membership page")
        verbose_name_plural = _("membership pages")


class MemberDirectoryPage(Page):
    """会员单位 / Member organisations: the public directory of member units."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    template = "membership/member_directory_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member directory page")
        verbose_name_plural = _("member directory pages")
