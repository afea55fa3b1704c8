"""
The page mixin and admin form every content page type uses: a slug made from the whole Chinese title, and
validation errors that say on which tab the field is.
"""

from django.utils.translation import pgettext, pgettext_lazy

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page

from home.editorial.slugs import browser_slug, pinyin_slug

# "Check “Slug” on the “Promote” tab": one line per tab that holds an error, above the errors themselves.
ERRORS_ON_TAB = pgettext_lazy("page form", "Check %(fields)s on the “%(tab)s” tab.")


def available_slug(title: str, parent: Page | None, page: Page | None) -> str:
    """The title's pinyin slug, with -2, -3… when a sibling already has it: a new page never fails on its slug."""
    base = pinyin_slug(title)
    if parent is None:
        return base
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def _inline_panel_headings(panel) -> dict[str, str]:
    """The heading of each inline panel (a formset: the article's categories) under a panel, by relation name."""
    headings = {}
    for child in getattr(panel, "children", []):
        if isinstance(child, InlinePanel):
            headings[child.relation_name] = str(child.heading)
        headings.update(_inline_panel_headings(child))
    return headings


def tabs_of_fields(model: type[Page]) -> dict[str, tuple[str, str | None]]:
    """
    Each form field and inline formset of a page type: the heading of the editor tab that shows it, and for a
    formset its panel's heading (a field's label comes from the form).
    """
    found: dict[str, tuple[str, str | None]] = {}
    for tab in model.get_edit_handler().children:
        options = tab.get_form_options()
        headings = _inline_panel_headings(tab)
        for name in [*options.get("fields", []), *options.get("formsets", {})]:
            found.setdefault(name, (str(tab.heading), headings.get(name)))
    return found


class PinyinSlugPageForm(WagtailAdminPageForm):
    """
    The admin form of our page types.

    - The slug is made from the whole title (pinyin, Latin runs and numbers in place) unless the editor typed
      one. Wagtail fills the slug field in the browser from the title, keeping only its ASCII (`2026` for
      "…参加2026年服贸会"): a slug equal to that is the browser's, and is replaced, with a suffix when a sibling
      has it. So a second headline with "2026" saves at the first try instead of failing on a hidden tab.
      Once a page is live, Wagtail stops syncing the slug and so do we: its address stays.
    - A failed save names each field in error with the tab that holds it (the banner at the top of the editor
      shows it whichever tab is open; the fields themselves may be on a tab the editor never opened).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def slug_is_made_by_the_browser(self) -> bool:
        slug = self.cleaned_data.get("slug") or ""
        if not slug:
            return True
        if self.instance.pk and self.instance.live:
            return False
        return slug == browser_slug(self.cleaned_data["title"])

    def clean(self):
        if "slug" in self.fields and self.cleaned_data.get("title") and self.slug_is_made_by_the_browser():
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            self.cleaned_data["slug"] = available_slug(self.cleaned_data["title"], parent, self.instance)
            self.instance.slug_made_from_title = True
        return super().clean()

    def is_valid(self) -> bool:
        valid = super().is_valid()
        # Only a submitted form has errors to name (the preview also asks an unbound form).
        if not valid and self.is_bound and hasattr(self, "cleaned_data"):
            for line in self.errors_by_tab():
                self.add_error(None, line)
        return valid

    def errors_by_tab(self) -> list[str]:
        """“Check “Slug” on the “Promote” tab.”: which fields to look at, grouped by the tab that holds them."""
        tabs = tabs_of_fields(type(self.instance))
        in_error = [name for name in self.errors if name in tabs]
        in_error += [name for name, formset in self.formsets.items() if name in tabs and not formset.is_valid()]
        fields_by_tab: dict[str, list[str]] = {}
        for name in in_error:
            tab, heading = tabs[name]
            label = self[name].label if name in self.fields else heading or name
            fields_by_tab.setdefault(tab, []).append(f"“{label}”")
        separator = pgettext("list separator", ", ")
        return [ERRORS_ON_TAB % {"fields": separator.join(names), "tab": tab} for tab, names in fields_by_tab.items()]


class EditorialPageMixin:
    """Every content page type: the pinyin slug in the admin form and for pages saved in code."""

    base_form_class = PinyinSlugPageForm

    def minimal_clean(self):
        """
        A slug made from the title is checked again as the page is saved: another save of the same headline
        (the editor's click racing the editor's own autosave) may have taken it since the form was checked.
        """
        if getattr(self, "slug_made_from_title", False) and self.path and self.depth > 1:
            parent = self.get_parent()
            if parent is not None and not Page._slug_is_available(self.slug, parent, self):
                self.slug = available_slug(self.title, parent, self)
        super().minimal_clean()

    def _set_core_field_defaults(self):
        # Wagtail fills an empty slug here with slugify(title), which is empty for a Chinese title.
        if not self.slug and self.path and self.title:
            self.slug = available_slug(self.title, self.get_parent(), self)
        super()._set_core_field_defaults()


# How a page waiting for content begins its note for editors (the loader's data files write it so): such a page is
# published with its own text, never with the note (see `refuse_publishing_a_note_for_editors`).
EDITOR_NOTE_MARKERS = ("【编辑说明】", "[Note for editors]")


def holds_note_for_editors(page) -> bool:
    """Whether the page's body still contains the note for editors a page waiting for content was created with."""
    body = getattr(page, "body", None)
    if not body:
        return False
    text = " ".join(str(getattr(block.value, "source", block.value)) for block in body)
    return any(marker in text for marker in EDITOR_NOTE_MARKERS)
