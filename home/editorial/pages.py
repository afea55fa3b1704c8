"""The page mixin and admin form every content page type uses: a slug made from a Chinese title."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from home.editorial.slugs import pinyin_slug


def available_slug(title: str, parent: Page | None, page: Page | None) -> str:
    base = pinyin_slug(title)
    if parent is None:
        return base
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


class PinyinSlugPageForm(WagtailAdminPageForm):
    """
    The admin form: an empty slug is made from the title on save.

    Wagtail's own slugify drops Chinese characters (WAGTAIL_ALLOW_UNICODE_SLUGS = False), which left the
    slug empty and the first save of a Chinese page failing with "required" on the hidden Promote tab.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug") and self.cleaned_data.get("title"):
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            self.cleaned_data["slug"] = available_slug(self.cleaned_data["title"], parent, self.instance)
        return super().clean()


class EditorialPageMixin:
    """Every content page type: the pinyin slug in the admin form and for pages saved in code."""

    base_form_class = PinyinSlugPageForm

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
