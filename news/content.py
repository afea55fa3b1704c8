"""The news app's seed content: categories, the three sections, the seed's articles and events, the demo event."""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from home.content.glossary import Glossary, build_body
from home.content.loader import ContentLoader, PageSpec
from home.editorial.roles import ensure_approval_workflow, ensure_approvers, ensure_section_editors

from .models import (
    ArticleCategory,
    ArticlePage,
    Category,
    EventContact,
    EventOrganiser,
    EventPage,
    SectionCategory,
    SectionPage,
)

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
    # The seed tags one item 通知公告 rather than 通知: its own tag, listed under Announcements.
    ("general-notices", "通知公告", "General Notices", "通知公告", "Notice"),
    # In the footer as the seed has it; no seed item is filed there (editors file viewpoints).
    ("viewpoints", "观点聚焦", "Viewpoints", "观点", "Viewpoint"),
]

SECTIONS = [
    PageSpec("notices", SectionPage, position=20),
    PageSpec("association-news", SectionPage, position=30),
    PageSpec("news", SectionPage, position=40),
]
# The categories each section offers as filters (and as its drop-down in the main menu).
SECTION_CATEGORIES = {
    "notices": ["announcements", "policies", "risk-alerts"],
    "news": ["frontier-news", "recruitment", "event-invitations"],
}

# The seed's tags onto our categories; the first is the tag an item shows in listings.
SEED_TAG_CATEGORIES = {
    "资讯": ["frontier-news"],
    "国际交流": ["international-exchange", "frontier-news"],
    "活动邀请": ["event-invitations"],
    "招展通知": ["exhibition-notices", "event-invitations"],
    "通知": ["announcements"],
    "通知公告": ["general-notices", "announcements"],
    "行业倡议": ["industry-initiatives", "announcements"],
}
EXTRA_CATEGORIES = {"chengdu-foreign-talent-fair-2024": ["recruitment"]}

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

EVENT_TEXT_FACTS = ("venue", "address", "audience", "scale_note", "exhibition_scope", "notes")
ORGANISER_ROLES = {"guidance", "host", "organiser", "co_organiser", "supporter"}


# The editors of each section, in both trees: (section slug, Chinese name, English name, reviewed).
# Notices (with policies and risk alerts) go editor → approver before publishing.
SECTION_EDITORS = [
    ("notices", "通知公告", "Notices", True),
    ("association-news", "协会动态", "Association News", False),
    ("news", "新闻资讯", "News", False),
]


class NewsContentLoader(ContentLoader):
    content_dir = Path(__file__).resolve().parent / "seed_content"

    def run(self) -> None:
        self.categories = self.load_categories()
        sections = self.load_pages(SECTIONS, self.home_page())
        self.load_articles(sections["news"], NEWS_ITEMS, recommended=False)
        self.load_articles(sections["notices"], RECOMMENDED_NOTICES, recommended=True)
        # In 协会动态, so the 新闻资讯 listing shows the seed's ten items exactly as the original site does.
        demo_event = self.load_demo_event(sections["association-news"]) if settings.SITE_DEMO_CONTENT else None
        for category in self.categories.values():
            self.translate(category)
        self.translate_pages(
            [page for section in sections.values() for page in section.get_descendants(inclusive=True)]
        )
        if demo_event is not None:
            self.resync_translation(demo_event)
        self.load_roles(sections)

    def load_roles(self, sections: dict) -> None:
        for slug, chinese, english, reviewed in SECTION_EDITORS:
            ensure_section_editors(sections[slug], chinese, english, reviewed=reviewed)
        approvers = ensure_approvers(self.home_page())
        ensure_approval_workflow(sections["notices"], "通知公告", "Notices", approvers)

    def glossary_key(self, instance) -> str:
        return f"category:{instance.slug}" if isinstance(instance, Category) else super().glossary_key(instance)

    def prepare_page(self, page: Page, spec: PageSpec) -> None:
        page.section_categories = [
            SectionCategory(category=self.categories[slug], sort_order=index)
            for index, slug in enumerate(SECTION_CATEGORIES.get(spec.key, []))
        ]

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

    # -- articles and events ---------------------------------------------------------------------
    def load_articles(self, section: Page, keys: list[str], recommended: bool) -> None:
        # Oldest first: listings order by date, then newest-created first, which keeps the seed's
        # order among items of the same day.
        for key in reversed(keys):
            data = self.read_json("articles", key)
            glossary = self.glossary_for(f"page:{key}")
            glossary.add_titles(data)
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
                "source_url": (data.get("source") or {}).get("url") or "",
                "recommended": recommended,
                "locale": self.source_locale,
            }
            page = EventPage(**fields, **event_fields(event)) if event else ArticlePage(**fields)
            if event:
                page.organisers = event_organisers(event)
                page.contacts = event_contacts(event)
            slugs = SEED_TAG_CATEGORIES[data["seed_tag"]] + EXTRA_CATEGORIES.get(key, [])
            page.article_categories = [
                ArticleCategory(category=self.categories[slug], sort_order=index) for index, slug in enumerate(slugs)
            ]
            section.add_child(instance=page)
            page.save_revision().publish()
            self.created.append(f"article {key}")

    # -- the demo event (development and demonstrations only) ------------------------------------
    def load_demo_event(self, section: Page) -> EventPage:
        """An upcoming event to try registration on; a past one is moved forward, never duplicated."""
        data = self.read_json("demo", "demo-event")
        glossary = self.glossary_for(f"page:{data['slug']}")
        glossary.add_titles(data)
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
            event.article_categories = [ArticleCategory(category=self.categories["event-invitations"], sort_order=0)]
            section.add_child(instance=event)
            event.save_revision().publish()
            self.created.append("demo event")
        elif event.is_past or (event.start and event.start < timezone.now()):
            for name, value in schedule.items():
                setattr(event, name, value)
            event.save_revision().publish()
            self.log("Moved the demo event forward.")
        return event


def _zh(value: dict | None) -> str:
    return (value or {}).get("zh", "")


def add_event_glossary(glossary: Glossary, event: dict) -> None:
    for fact in EVENT_TEXT_FACTS:
        if event.get(fact):
            glossary.add(event[fact]["zh"], event[fact]["en"])
    for organiser in event.get("organisers") or []:
        glossary.add(organiser["name"]["zh"], organiser["name"]["en"])
    for contact in event.get("contacts") or []:
        glossary.add(contact["name"]["zh"], contact["name"]["en"])
    for item in event.get("agenda") or []:
        glossary.add(item["time"], item["time"])
        glossary.add(item["zh"], item["en"])


def event_fields(event: dict) -> dict:
    """EventPage fields from the seed's facts: only what the seed states, blank where it is silent."""
    zone = ZoneInfo(event.get("timezone") or settings.TIME_ZONE)
    start, start_all_day = parse_when(event.get("start"), zone, end=False)
    end, end_all_day = parse_when(event.get("end"), zone, end=True)
    return {
        "start": start,
        "end": end,
        "all_day": start_all_day or end_all_day,
        **{fact: _zh(event.get(fact)) for fact in EVENT_TEXT_FACTS},
        "event_format": event.get("format") or "",
        "capacity_onsite": event.get("capacity_offline"),
        "capacity_online": event.get("capacity_online"),
        "agenda": [
            ("item", {"time": item["time"], "title": item["zh"], "description": ""})
            for item in event.get("agenda") or []
        ],
    }


def event_organisers(event: dict) -> list[EventOrganiser]:
    return [
        EventOrganiser(role=organiser["role"], name=organiser["name"]["zh"], sort_order=index)
        for index, organiser in enumerate(event.get("organisers") or [])
        if organiser["role"] in ORGANISER_ROLES
    ]


def event_contacts(event: dict) -> list[EventContact]:
    """Every contact person the seed names, in its order (the talent fair has three)."""
    return [
        EventContact(
            name=contact["name"]["zh"],
            phone=contact.get("phone") or "",
            email=contact.get("email") or "",
            wechat_is_phone=bool(contact.get("wechat_same_as_phone")),
            sort_order=index,
        )
        for index, contact in enumerate(event.get("contacts") or [])
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
