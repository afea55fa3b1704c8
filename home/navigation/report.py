"""
What the menus leave out, and why: for the menu editor ("hidden while empty") and the dashboard.

The public menus drop a link silently (`home.navigation.build`): its page is a draft, not translated yet, or a
listing with nothing published. Editors should not be puzzled by an entry that is in the editor and not on the
site, so this module lists each left-out entry with its reason. Admin screens only: it may take a few queries.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.models import Page

from home.caching.visibility import public
from home.navigation.build import list_values
from home.navigation.menus import SiteNavigation

# Why an entry is left out.
EMPTY = "empty"
NOT_PUBLISHED = "not-published"
NOT_TRANSLATED = "not-translated"
GONE = "gone"
REASONS = {
    EMPTY: _("hidden while empty: shown again with its first published item"),
    NOT_PUBLISHED: _("hidden: the page is not published"),
    NOT_TRANSLATED: _("hidden: the page has no published translation in this language"),
    GONE: _("hidden: the page was deleted"),
}


MAIN_MENU = pgettext_lazy("menu editor: where an entry is", "Main menu")
SHORTCUTS = pgettext_lazy("menu editor: where an entry is", "Header shortcuts")
FOOTER = pgettext_lazy("menu editor: where an entry is", "Footer")


@dataclass
class HiddenEntry:
    place: str  # "Main menu", "Footer · Member Centre"…
    label: str
    reason: str
    page: Page | None = None  # the page in the menu's language, when there is one (for an edit link)
    query: str = ""  # the listing filter of the link (`category=policies`)
    chosen_id: int | None = None  # the page chosen in the editor (the same in every language's record)

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


def _places(navigation: SiteNavigation) -> list[tuple[str, dict]]:
    """(place, link value) for every link of the record, in the editor's order."""
    places = []
    for block in navigation.main_menu.raw_data:
        value = block["value"]
        places.append((str(MAIN_MENU), value))
        places += [(str(MAIN_MENU), child) for child in list_values(value.get("children"))]
    places += [(str(SHORTCUTS), block["value"]) for block in navigation.header_shortcuts.raw_data]
    for block in navigation.footer_columns.raw_data:
        column = block["value"]
        place = f"{FOOTER} · {column.get('heading', '')}"
        places += [(place, link) for link in list_values(column.get("links"))]
    return places


def hidden_entries(navigation: SiteNavigation) -> list[HiddenEntry]:
    """The links of `navigation` that its language's public menus leave out, with the reason."""
    places = [(place, value) for place, value in _places(navigation) if isinstance(value.get("page"), int)]
    chosen = Page.objects.in_bulk({value["page"] for _place, value in places})
    keys = {page.translation_key for page in chosen.values()}
    in_locale = {
        page.translation_key: page
        for page in Page.objects.filter(locale_id=navigation.locale_id, translation_key__in=keys).specific(defer=True)
    }
    visible = set(
        public(Page.objects.filter(pk__in=[p.pk for p in in_locale.values()]).live()).values_list("pk", flat=True)
    )
    hidden = []
    for place, value in places:
        source = chosen.get(value["page"])
        page = in_locale.get(source.translation_key) if source else None
        named = page or source
        label = value.get("label") or (named.title if named else "")
        if source is None:
            reason = GONE
        elif page is None:
            reason = NOT_TRANSLATED
        elif page.pk not in visible:
            reason = NOT_PUBLISHED
        elif getattr(page, "listing_is_empty", None) and page.listing_is_empty(value.get("filter") or ""):
            reason = EMPTY
        else:
            continue
        hidden.append(HiddenEntry(place, label, reason, page, value.get("filter") or "", value["page"]))
    return hidden


def link_names(navigation: SiteNavigation) -> dict[tuple[int, str], tuple[str, str]]:
    """(chosen page id, filter) → (label, place) of every page link of a record, as its editors named them."""
    places = [(place, value) for place, value in _places(navigation) if isinstance(value.get("page"), int)]
    titles = dict(Page.objects.filter(pk__in={value["page"] for _place, value in places}).values_list("pk", "title"))
    return {
        (value["page"], value.get("filter") or ""): (value.get("label") or titles.get(value["page"], ""), place)
        for place, value in reversed(places)  # the first place of a link wins
    }


def waiting_for_content(navigation: SiteNavigation) -> list[HiddenEntry]:
    """The dashboard's list: entries hidden while empty or unpublished, each page and filter once."""
    seen, waiting = set(), []
    for entry in hidden_entries(navigation):
        key = (entry.page.pk if entry.page else None, entry.query, entry.reason)
        if entry.reason in (EMPTY, NOT_PUBLISHED) and key not in seen:
            seen.add(key)
            waiting.append(entry)
    return waiting
