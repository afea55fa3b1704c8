"""
Site-wide pages and settings: the home page, standard text pages, the contact page, site settings.

The base knows none of the apps built on it: their page types name the home page among their
`parent_page_types`, and the home page accepts every page type that does.
"""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.caching import invalidation
from home.caching.routing import site_for_request
from home.caching.visibility import public
from home.editorial.models import TranslationReview  # noqa: F401 - a model in its own module, imported so Django finds it
from home.navigation.build import Link, page_link
from home.navigation.menus import SiteNavigation  # noqa: F401  (a model of this app, defined in its own module)
from home.page_base import IntroBodyPage
from home.personal_data.audit import RecordSetLogEntry  # noqa: F401 - a model in its own module, imported so Django finds it
from home.personal_data.models import PersonalData  # noqa: F401 - the same
from home.phones import PhoneField
from home.security.models import AccountLockout  # noqa: F401 - a model in its own module, imported so Django finds it
from home.structured_data import organisation


class HomePage(IntroBodyPage):
    """The root of each locale's tree: introduction, latest notices and news, recommended items."""

    template = "home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: every page type that names the home page in its parent_page_types may be a child.
    max_count_per_parent = 1

    header_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("header image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a wide photograph above the introduction. Without one, the page starts with the text."),
    )
    header_image_alt = models.CharField(
        _("header image description"),
        max_length=255,
        blank=True,
        help_text=_("What the photograph shows, for readers who cannot see it (translated with the page)."),
    )

    content_panels = IntroBodyPage.content_panels[:1] + [
        MultiFieldPanel([FieldPanel("header_image"), FieldPanel("header_image_alt")], heading=_("Header image")),
        *IntroBodyPage.content_panels[1:],
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def allowed_subpage_models(cls):
        # Without subpage_types Wagtail also offers its abstract base `Page`, which is never created.
        return [model for model in super().allowed_subpage_models() if model.is_creatable]

    def schema_data(self, request) -> dict:
        return {"@context": "https://schema.org", **organisation()}


class StandardPage(IntroBodyPage):
    """A text page (overview, charter, policies…) with a StreamField body."""

    template = "home/standard_page.html"
    # No parent_page_types: any page type whose subpage_types list StandardPage may hold one (the
    # home page, a standard page, the apps' pages such as the Join page) — but never the tree root.
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @classmethod
    def can_exist_under(cls, parent) -> bool:
        return not parent.is_root() and super().can_exist_under(parent)

    def menu_children(self, request=None) -> list[Link]:
        """Its sub-pages shown in menus: the drop-down of a text page in the main menu."""
        return [page_link(child, request) for child in public(self.get_children().live().in_menu())]


class ContactPage(IntroBodyPage):
    """Contact Us: the text plus the contact details held in the site settings."""

    template = "home/contact_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """
    Contact details, filing numbers and footer texts, edited once for both languages.

    The translatable texts are django-modeltranslation fields (`address_zh_hans`, `address_en`…),
    shown side by side; the plain attribute follows the active language and falls back to Chinese.
    """

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    phone = PhoneField(
        _("phone"), max_length=40, blank=True, help_text=_("As you would dial it in China, e.g. 028-8693-5965.")
    )
    email = models.EmailField(_("public e-mail"), blank=True)
    secretariat_email = models.EmailField(
        _("secretariat e-mail"), blank=True, help_text=_("Receives notifications of applications and registrations.")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    wechat_account_name = models.CharField(_("WeChat official account name"), max_length=100, blank=True)
    wechat_qr_code = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("WeChat QR code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(
        _("ICP filing number"), max_length=60, blank=True, help_text=_("Shown exactly as filed, e.g. 蜀ICP17033979号.")
    )
    icp_url = models.URLField(_("ICP filing link"), blank=True, default="https://beian.miit.gov.cn/")
    public_security_filing_number = models.CharField(_("public security filing number"), max_length=60, blank=True)
    public_security_filing_url = models.URLField(_("public security filing link"), blank=True)
    copyright_holder = models.CharField(_("copyright holder"), max_length=120, blank=True)
    hosting_location = models.CharField(
        _("where the data is hosted"),
        max_length=120,
        blank=True,
        help_text=_(
            "e.g. 中国大陆 / mainland China. The privacy policy names it; while it is empty, it says nothing about it."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("tagline_zh_hans"), FieldPanel("tagline_en")],
            heading=_("Tagline"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("secretariat_email"),
                FieldPanel("address_zh_hans"),
                FieldPanel("address_en"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("wechat_account_name_zh_hans"),
                FieldPanel("wechat_account_name_en"),
                FieldPanel("wechat_qr_code"),
            ],
            heading=_("WeChat"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("public_security_filing_number"),
                FieldPanel("public_security_filing_url"),
                FieldPanel("copyright_holder_zh_hans"),
                FieldPanel("copyright_holder_en"),
            ],
            heading=_("Filing numbers and copyright"),
        ),
        MultiFieldPanel(
            [FieldPanel("hosting_location_zh_hans"), FieldPanel("hosting_location_en")],
            heading=_("Privacy policy"),
        ),
    ]

    select_related = ["wechat_qr_code"]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """For the public pages: from the shared cache (cleared on save through `home.caching.invalidation`)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = site_for_request(request)
            instance = cache.get(settings_cache_key(site.pk)) if site else None
            if instance is None:
                instance = cls.for_site(site)
                cache.set(settings_cache_key(site.pk), instance, SETTINGS_CACHE_SECONDS)
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)


SETTINGS_CACHE_SECONDS = 60 * 60


def settings_cache_key(site_id: int) -> str:
    return f"site-settings:{site_id}"


invalidation.register("settings", keys=lambda instance, **change: [settings_cache_key(instance.site_id)])


class ScheduledJob(models.Model):
    """
    One row per job of `manage.py run_scheduler` (home/scheduler.py): when it runs next, and who runs it now.

    The row is the lock shared by every app server: a run is claimed by one conditional UPDATE, which
    both SQLite and PostgreSQL apply atomically, so only one server runs a job at a time.
    """

    name = models.CharField(pgettext_lazy("field", "name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    locked_by = models.CharField(pgettext_lazy("field", "locked by"), max_length=200, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name
