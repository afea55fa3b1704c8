"""The base's own content: the home page and Site, the text and contact pages, the site settings."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

from home.content.glossary import build_body
from home.content.loader import ContentLoader, PageSpec
from home.editorial.roles import ensure_approvers, ensure_secretariat, ensure_translators
from home.models import ContactPage, HomePage, SiteSettings, StandardPage

SITE_PAGES = [
    PageSpec(
        "about",
        StandardPage,
        children=[PageSpec("overview", StandardPage), PageSpec("charter", StandardPage)],
        position=10,
    ),
    PageSpec("party-building", StandardPage, position=60),
    PageSpec("investment-guide", StandardPage, position=70),
    PageSpec("contact", ContactPage, show_in_menus=False, position=90),
    PageSpec("privacy", StandardPage, show_in_menus=False, position=100),
    PageSpec("terms", StandardPage, show_in_menus=False, position=110),
]

ENGLISH_ADDRESS = (
    "1F, International Talent Port, No. 403 Shenghua South Road, Chengdu Hi-tech Zone, Chengdu, Sichuan, China"
)
SITE_SETTINGS = {
    "tagline_zh_hans": "提供产业公共服务、高效规范、专业助商\n更好地推动成都服务贸易创新发展",
    "tagline_en": (
        "Public services for the industry; efficient, well-regulated, professional support for business\n"
        "Advancing the innovative development of trade in services in Chengdu"
    ),
    "phone": "+86 028-8693-5965",
    "email": "support@cdats.org.cn",
    "secretariat_email": "support@cdats.org.cn",
    "address_zh_hans": "成都市高新区盛华南路403号国际人才港一楼",
    # In English as a letter from abroad addresses it; the Chinese above is what a taxi driver reads.
    "address_en": ENGLISH_ADDRESS,
    "wechat_account_name_zh_hans": "成都服务贸易协会",
    "wechat_account_name_en": "CDATS official account",
    "icp_number": "蜀ICP17033979号",
    "icp_url": "https://beian.miit.gov.cn/",
    "copyright_holder_zh_hans": "成都服务贸易协会",
    "copyright_holder_en": "Chengdu Association of Trade in Services",
}


class SiteContentLoader(ContentLoader):
    """Runs first: the apps' loaders build their sections under the home page made here."""

    content_dir = Path(__file__).resolve().parent.parent / "seed_content"

    def run(self) -> None:
        home = self.load_home()
        site = self.load_site(home)
        pages = self.load_pages(SITE_PAGES, home)
        self.load_site_settings(site)
        self.translate_pages([home, *pages.values()])
        # The site-wide roles; the apps add their sections' editors (the pages must exist first).
        ensure_translators(home)
        ensure_approvers(home)
        ensure_secretariat()

    def load_home(self) -> HomePage:
        data = self.read_json("pages", "home")
        glossary = self.glossary_for("page:home")
        body = build_body(data["body"], glossary)
        glossary.add_titles(data)
        home = HomePage.objects.filter(locale=self.source_locale, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's initial migration leaves a plain "Welcome" page at the root: replace it.
            for welcome in Page.objects.filter(depth=2, content_type__model="page"):
                if not welcome.get_children().exists():
                    welcome.delete()
            root.refresh_from_db()
            home = HomePage(
                title=data["title"]["zh"], slug="home", intro=data["intro"]["zh"], body=body, locale=self.source_locale
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append("home page")
        return home

    def load_site(self, home: HomePage) -> Site:
        """Point the default Site at our home page, with host and port from SITE_BASE_URL."""
        parts = urlsplit(settings.SITE_BASE_URL)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = parts.hostname or "localhost"
        site.port = port
        site.root_page = home
        site.site_name = "成都服务贸易协会"
        site.save()
        return site

    def load_site_settings(self, site: Site) -> None:
        site_settings = SiteSettings.for_site(site)
        changed = False
        for name, value in SITE_SETTINGS.items():
            if not getattr(site_settings, name):
                setattr(site_settings, name, value)
                changed = True
        if changed:
            site_settings.save()
