"""
Builds the site from the content shipped in `home/seed_content/`, idempotently.

The Chinese tree is the source. Every English page and category is made through wagtail-localize's
own translation records (TranslationSource → Translation → StringTranslation per segment), so the
editor shows each translation at 100 % and re-syncing reproduces the English page. A segment
without an English text is an error, never a silent fallback to Chinese.
"""

import io
import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from home.models import ContactPage, HomePage, SiteSettings, StandardPage
from membership.models import Industry, MemberDirectoryPage, MemberGrade, MembershipPage, MemberUnit
from news.models import ArticleCategory, ArticlePage, Category, EventPage, SectionCategory, SectionPage

logger = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parent / "seed_content"
SOURCE_LANGUAGE = "zh-hans"
TARGET_LANGUAGE = "en"

# (slug, name zh, name en, tag zh, tag en)
CATEGORIES = [
    ("announcements", "最新公告", "Announcements", "通知", "Notice"),
    ("policies", "最新政策", "Policies", "政策", "Policy"),
    ("risk-alerts", "风险预警", "Risk Alerts", "预警", "Risk Alert"),
    ("frontier-news", "前沿资讯", "Industry Insights", "资讯", "Insight"),
    ("recruitment", "人才招聘", "Talent Recruitment", "招聘", "Recruitment"),
    ("event-invitations", "活动邀请", "Event Invitations", "活动邀请", "Event Invitation"),
    ("international-exchange", "国际交流", "International Exchange", "国际交流", "International Exchange"),
    ("exhibition-notices", "招展通知", "Exhibition Notices", "招展通知", "Exhibition Notice"),
    ("industry-initiatives", "行业倡议", "Industry Initiatives", "行业倡议", "Industry Initiative"),
]

# The seed's tags onto our categories; the first is the tag an item shows in listings.
SEED_TAG_CATEGORIES = {
    "资讯": ["frontier-news"],
    "国际交流": ["international-exchange", "frontier-news"],
    "活动邀请": ["event-invitations"],
    "招展通知": ["exhibition-notices", "event-invitations"],
    "通知": ["announcements"],
    "通知公告": ["announcements"],
    "行业倡议": ["industry-initiatives", "announcements"],
}
EXTRA_CATEGORIES = {"chengdu-foreign-talent-fair-2024": ["recruitment"]}


@dataclass
class PageSpec:
    key: str
    model: type
    children: list["PageSpec"] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    show_in_menus: bool = True


SITE_TREE = PageSpec(
    "home",
    HomePage,
    children=[
        PageSpec(
            "about",
            StandardPage,
            children=[PageSpec("overview", StandardPage), PageSpec("charter", StandardPage)],
        ),
        PageSpec("notices", SectionPage, categories=["announcements", "policies", "risk-alerts"]),
        PageSpec("association-news", SectionPage),
        PageSpec("news", SectionPage, categories=["frontier-news", "recruitment", "event-invitations"]),
        PageSpec("members", MemberDirectoryPage),
        PageSpec("party-building", StandardPage),
        PageSpec("investment-guide", StandardPage),
        PageSpec(
            "join",
            MembershipPage,
            children=[
                PageSpec("member-benefits", StandardPage),
                PageSpec("member-services", StandardPage),
                PageSpec("how-to-join", StandardPage),
            ],
        ),
        PageSpec("contact", ContactPage, show_in_menus=False),
        PageSpec("privacy", StandardPage, show_in_menus=False),
        PageSpec("terms", StandardPage, show_in_menus=False),
    ],
)

# Articles per section, newest first as the seed lists them.
NEWS_ITEMS = [
    "service-outsourcing-jan-apr-2024",
    "digital-tech-cultural-consumption",
    "tencent-cloud-innovation-express-chengdu",
    "arab-states-services-trade-seminar-chengdu",
    "digital-cultural-trade-capabilities",
    "sales-salon-2024",
    "ip-trade-competitiveness",
    "in-pharma-japan-2024",
    "chengdu-foreign-talent-fair-2024",
    "digital-services-trade-development-paths",
]
RECOMMENDED_NOTICES = [
    "member-enterprise-selection-results",
    "member-enterprise-selection-launch",
    "expert-recruitment-notice",
    "epidemic-prevention-urgent-notice",
    "work-safety-initiative",
]

# Reference data for the membership form and the directory (editable in the admin).
INDUSTRIES = [
    ("it-services", "信息技术服务", "IT services"),
    ("service-outsourcing", "服务外包", "Service outsourcing"),
    ("digital-culture", "数字文化与创意", "Digital culture and creative industries"),
    ("finance", "金融服务", "Financial services"),
    ("logistics", "物流与供应链", "Logistics and supply chain"),
    ("professional-services", "咨询与专业服务", "Consulting and professional services"),
    ("exhibitions", "会展与商务服务", "Exhibitions and business services"),
    ("education-talent", "教育与人才服务", "Education and talent services"),
    ("health", "医药与健康服务", "Pharmaceutical and health services"),
    ("other", "其他", "Other"),
]
GRADES = [
    ("member", "会员单位", "Member"),
    ("council-member", "理事单位", "Council Member"),
    ("vice-president-member", "副会长单位", "Vice-President Member"),
    ("president-member", "会长单位", "President Member"),
]

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
    "address_en": "1F, International Talent Port, No. 403 Shenghua South Road, Hi-tech Zone, Chengdu",
    "wechat_account_name_zh_hans": "成都服务贸易协会",
    "wechat_account_name_en": "CDATS official account",
    "icp_number": "蜀ICP17033979号",
    "icp_url": "https://beian.miit.gov.cn/",
    "copyright_holder_zh_hans": "成都服务贸易协会",
    "copyright_holder_en": "Chengdu Association of Trade in Services",
}


def read_json(kind: str, key: str) -> dict:
    return json.loads((CONTENT_DIR / kind / f"{key}.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------
# Bodies: one StreamField block per text block, and the zh → en pairs of every segment.
# ------------------------------------------------------------------------------------------------
class Glossary:
    """zh → en pairs in wagtail-localize's segment form (HTML-escaped, inline markup only)."""

    def __init__(self):
        self.pairs: dict[tuple[str, str], str] = {}

    def add(self, zh: str, en: str, field: str = "") -> None:
        """Pair `zh` with `en`; with `field`, only for that field (the segment's context path)."""
        if zh and zh.strip():
            # First wins: a title keeps its own translation when a body repeats the words.
            key = (field, self.key(StringValue.from_plaintext(zh).data))
            self.pairs.setdefault(key, StringValue.from_plaintext(en).data)

    @staticmethod
    def key(segment_html: str) -> str:
        return " ".join(segment_html.split())

    def lookup(self, segment_html: str, context_path: str = "") -> str | None:
        key = self.key(segment_html)
        return self.pairs.get((context_path, key)) or self.pairs.get(("", key))


def build_body(blocks: list[dict], glossary: Glossary) -> list[tuple[str, object]]:
    """The zh StreamField value of a content body; records each block's English in the glossary."""
    body = []
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            body.append(("heading", block["zh"]))
            glossary.add(block["zh"], block["en"])
        elif kind == "paragraph":
            body.append(("paragraph", RichText(f"<p>{escape(block['zh'])}</p>")))
            glossary.add(block["zh"], block["en"])
        elif kind == "list":
            items = "".join(f"<li>{escape(item)}</li>" for item in block["zh"])
            body.append(("paragraph", RichText(f"<ul>{items}</ul>")))
            for zh, en in zip(block["zh"], block["en"], strict=True):
                glossary.add(zh, en)
        else:
            raise ValueError(f"unknown block type {kind!r}")
    return body


# ------------------------------------------------------------------------------------------------
# The loader
# ------------------------------------------------------------------------------------------------
class SiteContentLoader:
    """Creates what is missing; never duplicates and never overwrites an editor's work."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        # One glossary per object: the same Chinese words may be translated differently in
        # different pages (会员单位 is "Member Organisations" as a title, "Member" as a grade).
        self.glossaries: dict[str, Glossary] = {}
        self.created: list[str] = []

    def glossary_for(self, key: str) -> Glossary:
        return self.glossaries.setdefault(key, Glossary())

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def run(self) -> None:
        # Deliberately not one big transaction: wagtail-localize publishes translations in
        # on_commit hooks, which inside an outer transaction would all run at the end with stale
        # tree data. Each step checks what exists, so an interrupted run is completed by the next.
        self.source_locale, _ = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
        self.target_locale, _ = Locale.objects.get_or_create(language_code=TARGET_LANGUAGE)
        categories = self.load_categories()
        home = self.load_home()
        self.load_site(home)
        pages = self.load_tree(SITE_TREE, home, categories)
        self.load_articles(pages["news"], NEWS_ITEMS, categories, recommended=False)
        self.load_articles(pages["notices"], RECOMMENDED_NOTICES, categories, recommended=True)
        # In 协会动态, so the 新闻资讯 listing shows the seed's ten items exactly as the original site does.
        demo_event = (
            self.load_demo_event(pages["association-news"], categories) if settings.SITE_DEMO_CONTENT else None
        )
        self.load_site_settings()
        self.load_membership_reference_data()
        if settings.SITE_DEMO_CONTENT:
            self.load_sample_members()
        self.translate_all(categories, home)
        if demo_event is not None:
            self.resync_translation(demo_event)
        # Pages are indexed as they are saved; a full pass also covers content from older versions
        # of the site, indexed before the segmented search fields existed.
        call_command("update_index", stdout=io.StringIO())
        self.log(f"Site content ready ({len(self.created)} objects created).")

    # -- categories ------------------------------------------------------------------------------
    def load_categories(self) -> dict[str, Category]:
        categories = {}
        for slug, name_zh, name_en, tag_zh, tag_en in CATEGORIES:
            category = Category.objects.filter(locale=self.source_locale, slug=slug).first()
            if category is None:
                category = Category.objects.create(
                    locale=self.source_locale, slug=slug, name=name_zh, tag_label=tag_zh
                )
                self.created.append(f"category {slug}")
            categories[slug] = category
            glossary = self.glossary_for(f"category:{slug}")
            # 活动邀请 is both the name and the tag of a category: "Event Invitations" / "Event Invitation".
            glossary.add(name_zh, name_en, field="name")
            glossary.add(tag_zh, tag_en, field="tag_label")
        return categories

    # -- the home page and the Site --------------------------------------------------------------
    def load_home(self) -> HomePage:
        data = read_json("pages", "home")
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.source_locale, depth=2).first()
        if home is None:
            # Wagtail's initial migration leaves a plain "Welcome" page at the root: replace it.
            for welcome in Page.objects.filter(depth=2, content_type__model="page"):
                if not welcome.get_children().exists():
                    welcome.delete()
            root.refresh_from_db()
            home = HomePage(
                title=data["title"]["zh"],
                slug="home",
                intro=data["intro"]["zh"],
                body=build_body(data["body"], self.glossary_for("page:home")),
                locale=self.source_locale,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append("home page")
        else:
            build_body(data["body"], self.glossary_for("page:home"))
        self.add_titles(self.glossary_for("page:home"), data)
        return home

    def load_site(self, home: HomePage) -> None:
        """Point the default Site at our home page, with host and port from SITE_BASE_URL."""
        parts = urlsplit(settings.SITE_BASE_URL)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = parts.hostname or "localhost"
        site.port = port
        site.root_page = home
        site.site_name = "成都服务贸易协会"
        site.save()
        self.site = site

    @staticmethod
    def add_titles(glossary: Glossary, data: dict) -> None:
        glossary.add(data["title"]["zh"], data["title"]["en"])
        if data.get("intro"):
            glossary.add(data["intro"]["zh"], data["intro"]["en"])

    # -- sections and text pages -----------------------------------------------------------------
    def load_tree(self, spec: PageSpec, parent: Page, categories: dict[str, Category]) -> dict[str, Page]:
        pages: dict[str, Page] = {}
        for child_spec in spec.children:
            data = read_json("pages", child_spec.key)
            glossary = self.glossary_for(f"page:{data['slug']}")
            self.add_titles(glossary, data)
            body = build_body(data.get("body", []), glossary)
            page = child_spec.model.objects.child_of(parent).filter(slug=data["slug"]).first()
            if page is None:
                page = child_spec.model(
                    title=data["title"]["zh"],
                    slug=data["slug"],
                    intro=data["intro"]["zh"],
                    show_in_menus=child_spec.show_in_menus,
                    locale=self.source_locale,
                )
                if hasattr(page, "body"):
                    page.body = body
                if child_spec.categories:
                    page.section_categories = [
                        SectionCategory(category=categories[slug], sort_order=index)
                        for index, slug in enumerate(child_spec.categories)
                    ]
                parent.add_child(instance=page)
                page.save_revision().publish()
                self.created.append(f"page {data['slug']}")
            pages[child_spec.key] = page
            pages.update(self.load_tree(child_spec, page, categories))
        return pages

    # -- articles and events ---------------------------------------------------------------------
    def load_articles(self, section: Page, keys: list[str], categories, recommended: bool) -> None:
        # Oldest first: listings order by date, then newest-created first, which keeps the seed's
        # order among items of the same day.
        for key in reversed(keys):
            data = read_json("articles", key)
            glossary = self.glossary_for(f"page:{key}")
            self.add_titles(glossary, data)
            glossary.add(data["summary"]["zh"], data["summary"]["en"])
            if data.get("source"):
                glossary.add(data["source"]["zh"], data["source"]["en"])
            body = build_body(data["body"], glossary)
            event = data.get("event")
            if event:
                add_event_glossary(glossary, event)
            if ArticlePage.objects.child_of(section).filter(slug=key).exists():
                continue
            fields = {
                "title": data["title"]["zh"],
                "slug": key,
                "date": date.fromisoformat(data["date"]),
                "summary": data["summary"]["zh"],
                "body": body,
                "source_name": (data.get("source") or {}).get("zh", ""),
                "recommended": recommended,
                "locale": self.source_locale,
            }
            page = EventPage(**fields, **event_fields(event)) if event else ArticlePage(**fields)
            if event:
                page.organisers = event_organisers(event)
            slugs = SEED_TAG_CATEGORIES[data["seed_tag"]] + EXTRA_CATEGORIES.get(key, [])
            page.article_categories = [
                ArticleCategory(category=categories[slug], sort_order=index) for index, slug in enumerate(slugs)
            ]
            section.add_child(instance=page)
            page.save_revision().publish()
            self.created.append(f"article {key}")

    # -- the demo event (development and demonstrations only) ------------------------------------
    def load_demo_event(self, section: Page, categories) -> EventPage:
        """An upcoming event to try registration on; a past one is moved forward, never duplicated."""
        data = read_json("demo", "demo-event")
        glossary = self.glossary_for(f"page:{data['slug']}")
        self.add_titles(glossary, data)
        glossary.add(data["summary"]["zh"], data["summary"]["en"])
        body = build_body(data["body"], glossary)
        add_event_glossary(glossary, data["event"])
        zone = ZoneInfo(settings.TIME_ZONE)
        day = timezone.localdate() + timedelta(days=21)
        start = datetime(day.year, day.month, day.day, 14, 0, tzinfo=zone)
        schedule = {"start": start, "end": start + timedelta(hours=3), "date": timezone.localdate()}

        # Wherever an earlier version put it: there is only ever one demo event.
        event = EventPage.objects.filter(locale=self.source_locale, slug=data["slug"]).first()
        if event is None:
            fields = {**event_fields(data["event"]), **schedule}
            event = EventPage(
                title=data["title"]["zh"],
                slug=data["slug"],
                summary=data["summary"]["zh"],
                body=body,
                locale=self.source_locale,
                registration_enabled=True,
                waitlist_enabled=True,
                group_registration=True,
                max_group_size=5,
                **fields,
            )
            event.article_categories = [ArticleCategory(category=categories["event-invitations"], sort_order=0)]
            section.add_child(instance=event)
            event.save_revision().publish()
            self.created.append("demo event")
        elif event.is_past or (event.start and event.start < timezone.now()):
            for name, value in schedule.items():
                setattr(event, name, value)
            event.save_revision().publish()
            self.log("Moved the demo event forward.")
        return event

    def resync_translation(self, page: Page) -> None:
        """Bring the English page in step with its (changed) source, reusing the stored translations."""
        source, _created = TranslationSource.update_or_create_from_instance(page)
        source.create_or_update_translation(self.target_locale, publish=True, fallback=False)

    # -- membership reference data (modeltranslation: one record, both languages) ----------------
    def load_membership_reference_data(self) -> None:
        for order, (slug, name_zh, name_en) in enumerate(INDUSTRIES):
            Industry.objects.get_or_create(
                slug=slug, defaults={"name_zh_hans": name_zh, "name_en": name_en, "sort_order": order}
            )
        for order, (slug, name_zh, name_en) in enumerate(GRADES):
            MemberGrade.objects.get_or_create(
                slug=slug,
                defaults={
                    "name_zh_hans": name_zh,
                    "name_en": name_en,
                    "description_zh_hans": "具体权利和义务以协会章程为准，详情请咨询协会秘书处。",
                    "description_en": (
                        "Rights and duties follow the association's charter; the Secretariat has the details."
                    ),
                    "sort_order": order,
                },
            )

    def load_sample_members(self) -> None:
        """A few clearly labelled sample entries so the directory can be tried (never in production)."""
        industries = list(Industry.objects.all())
        grades = list(MemberGrade.objects.all())
        for number, letter in enumerate("ABC"):
            MemberUnit.objects.get_or_create(
                is_sample=True,
                name_zh_hans=f"示例会员单位{letter}（演示数据）",
                defaults={
                    "name_en": f"Sample Member {letter} (demo data)",
                    "description_zh_hans": "这是演示数据，并非真实的会员单位。",
                    "description_en": "This is demo data, not a real member organisation.",
                    "industry": industries[number % len(industries)],
                    "grade": grades[number % len(grades)],
                    "member_since": date(2024, 1, 1),
                    "published": True,
                },
            )

    # -- site settings ---------------------------------------------------------------------------
    def load_site_settings(self) -> None:
        site_settings = SiteSettings.for_site(self.site)
        changed = False
        for name, value in SITE_SETTINGS.items():
            if not getattr(site_settings, name):
                setattr(site_settings, name, value)
                changed = True
        if changed:
            site_settings.save()

    # -- translations ----------------------------------------------------------------------------
    def translate_all(self, categories: dict[str, Category], home: HomePage) -> None:
        """Categories first (articles link to them), then pages top-down (parents before children)."""
        for category in categories.values():
            self.translate(category)
        for page in home.get_descendants(inclusive=True).specific().order_by("path"):
            self.translate(page)

    def translate(self, instance) -> None:
        if instance.get_translations().filter(locale=self.target_locale).exists():
            return
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=self.target_locale, defaults={"enabled": True}
        )
        key = f"category:{instance.slug}" if isinstance(instance, Category) else f"page:{instance.slug}"
        glossary = self.glossary_for(key)
        missing = []
        for segment in source.stringsegment_set.select_related("string", "context"):
            english = glossary.lookup(segment.string.data, segment.context.path)
            if english is None:
                missing.append(segment.string.data)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.target_locale,
                context=segment.context,
                defaults={"data": english, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
        if missing:
            raise ValueError(f"No English for {len(missing)} segment(s) of {instance!r}: {missing[:3]}")
        # fallback=False: a missing segment or related object is an error, not Chinese on /en/.
        source.create_or_update_translation(self.target_locale, publish=True, fallback=False)
        self.created.append(f"translation of {instance}")


EVENT_TEXT_FACTS = ("venue", "address", "audience", "scale_note", "exhibition_scope", "notes")


def _zh(value: dict | None) -> str:
    return (value or {}).get("zh", "")


def add_event_glossary(glossary: Glossary, event: dict) -> None:
    for fact in EVENT_TEXT_FACTS:
        if event.get(fact):
            glossary.add(event[fact]["zh"], event[fact]["en"])
    for organiser in event.get("organisers") or []:
        glossary.add(organiser["name"]["zh"], organiser["name"]["en"])
    for contact in (event.get("contacts") or [])[:1]:
        glossary.add(contact["name"]["zh"], contact["name"]["en"])
    for item in event.get("agenda") or []:
        glossary.add(item["time"], item["time"])
        glossary.add(item["zh"], item["en"])


def event_fields(event: dict) -> dict:
    """EventPage fields from the seed's facts: only what the seed states, blank where it is silent."""
    zone = ZoneInfo(event.get("timezone") or settings.TIME_ZONE)
    start, start_all_day = parse_when(event.get("start"), zone, end=False)
    end, end_all_day = parse_when(event.get("end"), zone, end=True)
    contact = (event.get("contacts") or [{}])[0]
    return {
        "start": start,
        "end": end,
        "all_day": start_all_day or end_all_day,
        **{fact: _zh(event.get(fact)) for fact in EVENT_TEXT_FACTS},
        "event_format": event.get("format") or "",
        "capacity_onsite": event.get("capacity_offline"),
        "capacity_online": event.get("capacity_online"),
        "contact_name": _zh(contact.get("name")),
        "contact_phone": contact.get("phone") or "",
        "contact_wechat": contact.get("phone", "") if contact.get("wechat_same_as_phone") else "",
        "agenda": [
            ("item", {"time": item["time"], "title": item["zh"], "description": ""})
            for item in event.get("agenda") or []
        ],
    }


ORGANISER_ROLES = {"guidance", "host", "organiser", "co_organiser", "supporter"}


def event_organisers(event: dict) -> list:
    from news.models import EventOrganiser

    return [
        EventOrganiser(role=organiser["role"], name=organiser["name"]["zh"], sort_order=index)
        for index, organiser in enumerate(event.get("organisers") or [])
        if organiser["role"] in ORGANISER_ROLES
    ]


def parse_when(value: str | None, zone: ZoneInfo, end: bool) -> tuple[datetime | None, bool]:
    """'2024-05-28T14:00' → an aware datetime; '2024-06-26' → the day's start (or end), all day."""
    if not value:
        return None, False
    if "T" in value:
        return datetime.fromisoformat(value).replace(tzinfo=zone), False
    # A calendar date stays the same date on the page: all-day events use the site's time zone.
    day = date.fromisoformat(value)
    site_zone = ZoneInfo(settings.TIME_ZONE)
    hour, minute = (23, 59) if end else (0, 0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=site_zone), True
