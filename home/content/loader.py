"""
The shared machinery of the apps' content loaders: idempotent pages, English through wagtail-localize.

The Chinese tree is the source. Every English page and snippet is made through wagtail-localize's
own translation records (TranslationSource → Translation → StringTranslation per segment), so the
editor shows each translation at 100 % and re-syncing reproduces the English page. A segment
without an English text is an error, never a silent fallback to Chinese.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.content.glossary import Glossary, build_body
from home.models import HomePage

SOURCE_LANGUAGE = "zh-hans"
TARGET_LANGUAGE = "en"


@dataclass
class PageSpec:
    """A page of the seed tree: its data file (`pages/<key>.json`), type and children."""

    key: str
    model: type
    children: list["PageSpec"] = field(default_factory=list)
    show_in_menus: bool = True
    # Order among the home page's children, like Wagtail's menu_order: the apps' pages interleave.
    position: int | None = None


class ContentLoader:
    """
    Creates what is missing; never duplicates and never overwrites an editor's work.

    Subclasses set `content_dir` (their app's `seed_content/`) and implement `run()`. A loader runs
    outside one big transaction on purpose: wagtail-localize publishes translations in on_commit
    hooks, which inside an outer transaction would all run at the end with stale tree data. Each
    step checks what exists, so an interrupted run is completed by the next.
    """

    content_dir: Path

    def __init__(self, stdout=None):
        self.stdout = stdout
        # One glossary per object: the same Chinese words may be translated differently in
        # different pages (会员单位 is "Member Organisations" as a title, "Member" as a grade).
        self.glossaries: dict[str, Glossary] = {}
        self.created: list[str] = []
        self.positions: dict[str, int] = {}
        self.source_locale, _created = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
        self.target_locale, _created = Locale.objects.get_or_create(language_code=TARGET_LANGUAGE)

    def run(self) -> None:
        raise NotImplementedError

    # -- helpers ---------------------------------------------------------------------------------
    def read_json(self, kind: str, key: str) -> dict:
        return json.loads((self.content_dir / kind / f"{key}.json").read_text(encoding="utf-8"))

    def glossary_for(self, key: str) -> Glossary:
        return self.glossaries.setdefault(key, Glossary())

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def home_page(self) -> HomePage:
        """The Chinese home page (made by the base's loader, which runs first)."""
        return HomePage.objects.get(locale=self.source_locale, depth=2)

    # -- pages -----------------------------------------------------------------------------------
    def load_pages(self, specs: list[PageSpec], parent: Page) -> dict[str, Page]:
        """
        The pages of `specs` (and their children) under `parent`, created where missing.

        A page the original site only names (`"placeholder": true` in its data file: the charter, Party building,
        member benefits) is created as a draft whose body is a note for editors: readers never see a page that
        says nothing, the menus leave it out, and the dashboard lists it as waiting for content.
        """
        pages: dict[str, Page] = {}
        for spec in specs:
            data = self.read_json("pages", spec.key)
            glossary = self.glossary_for(f"page:{data['slug']}")
            glossary.add_titles(data)
            placeholder = bool(data.get("placeholder"))
            blocks = [{"type": "paragraph", **data["editor_note"]}] if placeholder else data.get("body", [])
            body = build_body(blocks, glossary)
            if spec.position is not None:
                self.positions[data["slug"]] = spec.position
            page = spec.model.objects.child_of(parent).filter(slug=data["slug"]).first()
            if page is None:
                page = spec.model(
                    title=data["title"]["zh"],
                    slug=data["slug"],
                    intro=data["intro"]["zh"] if data.get("intro") else "",
                    show_in_menus=spec.show_in_menus,
                    locale=self.source_locale,
                    live=not placeholder,
                    has_unpublished_changes=placeholder,
                )
                if hasattr(page, "body"):
                    page.body = body
                self.prepare_page(page, spec)
                parent.add_child(instance=page)
                revision = page.save_revision()
                if not placeholder:
                    revision.publish()
                self.created.append(f"page {data['slug']}{' (draft: waiting for content)' if placeholder else ''}")
            pages[spec.key] = page
            pages.update(self.load_pages(spec.children, page))
        return pages

    def prepare_page(self, page: Page, spec: PageSpec) -> None:
        """A new page before it is saved: subclasses add what their page types need (categories…)."""

    # -- translations ----------------------------------------------------------------------------
    def glossary_key(self, instance) -> str:
        return f"page:{instance.slug}"

    def translate_pages(self, pages) -> None:
        """Translate pages top-down (a translation needs its parent's translation)."""
        for page in sorted(pages, key=lambda page: page.path):
            self.translate(page.specific)

    def translate(self, instance) -> None:
        if instance.get_translations().filter(locale=self.target_locale).exists():
            return
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        Translation.objects.get_or_create(source=source, target_locale=self.target_locale, defaults={"enabled": True})
        glossary = self.glossary_for(self.glossary_key(instance))
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
                defaults={
                    "data": english,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                },
            )
        if missing:
            raise ValueError(f"No English for {len(missing)} segment(s) of {instance!r}: {missing[:3]}")
        # fallback=False: a missing segment or related object is an error, not Chinese on /en/. A draft source
        # (a page waiting for content) gets a draft translation.
        publish = not isinstance(instance, Page) or instance.live
        source.create_or_update_translation(self.target_locale, publish=publish, fallback=False)
        self.created.append(f"translation of {instance}")

    def resync_translation(self, page: Page) -> None:
        """Bring the English page in step with its (changed) source, reusing the stored translations."""
        source, _created = TranslationSource.update_or_create_from_instance(page)
        source.create_or_update_translation(self.target_locale, publish=True, fallback=False)
