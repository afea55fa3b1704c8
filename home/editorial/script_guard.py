"""
The publish guard: an English page never goes live with Chinese text where English belongs.

wagtail-localize fills untranslated segments with the Chinese source, and a dummy or careless machine
translation leaves Chinese in place; the English site then shows it. The check runs on the visible text
of a translation (the same segments the translation editor lists) and allows:

- fields a model declares native-script in `native_script_fields` (a Chinese address shown with
  `lang="zh-hans"`);
- rich text an editor marked with the "Chinese" language feature (`<span lang="zh-hans">`);
- ICP and public-security filing numbers (蜀ICP备17033979号, 川公网安备 51010902000000号).

It sits where every publish passes (see `refuse_chinese_on_publish`), not only in an admin hook:
wagtail-localize's editor, scheduled publishing, bulk publishing and workflow approval all publish
through Wagtail's publish action, which saves the live object.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail_localize.segments import StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

from bs4 import BeautifulSoup

from home.editorial.segment_names import segment_name
from home.search.chinese import has_chinese

# Filing numbers must be shown exactly as filed, in Chinese, on both sites.
FILING_NUMBERS = re.compile(r"[\u4e00-\u9fff]{1,2}ICP备?\s*[\d\-]+号?(?:-\d+)?|[\u4e00-\u9fff]{1,2}公网安备\s*\d+号?")
NATIVE_LANGUAGE_SPAN = re.compile(r"^zh", re.IGNORECASE)
EXCERPT_LENGTH = 40


@dataclass(frozen=True)
class ChineseText:
    """A segment of a translation that still holds Chinese: where it is and what it says."""

    where: str
    text: str

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= EXCERPT_LENGTH else self.text[:EXCERPT_LENGTH] + "…"
        return f"{self.where}: “{excerpt}”"


def is_translation(instance) -> bool:
    """A non-source-locale object of a translatable model (an English page, a translated snippet)."""
    return isinstance(instance, TranslatableMixin) and instance.locale.language_code != settings.LANGUAGE_CODE


def positions_in_native_spans(template_html: str) -> set[int]:
    """The string positions of a rich-text template that sit inside a `<span lang="zh…">`."""
    soup = BeautifulSoup(template_html, "html.parser")
    return {
        int(text["position"])
        for span in soup.find_all("span", lang=NATIVE_LANGUAGE_SPAN)
        for text in span.find_all("text")
    }


def chinese_text(instance) -> list[ChineseText]:
    """Every visible segment of `instance` that still contains Chinese outside the allowed places."""
    native_fields = set(getattr(type(instance), "native_script_fields", ()))
    native_positions: dict[str, set[int]] = {}
    next_position: dict[str, int] = {}
    found = []
    for segment in extract_segments(instance):
        if isinstance(segment, TemplateSegmentValue):
            native_positions[segment.path] = positions_in_native_spans(segment.template)
            next_position[segment.path] = 0
            continue
        if not isinstance(segment, StringSegmentValue):
            continue
        # The strings of a rich text follow its template, in position order, under the same path.
        position = next_position.get(segment.path)
        if position is not None:
            next_position[segment.path] = position + 1
            if position in native_positions[segment.path]:
                continue
        if segment.path.split(".", 1)[0] in native_fields:
            continue
        text = segment.string.render_text()
        if has_chinese(FILING_NUMBERS.sub("", text)):
            found.append(ChineseText(segment_name(instance, segment.path), text))
    return found


def refusal_message(found: list[ChineseText]) -> str:
    return _(
        "Not published: this translation still contains Chinese text in %(segments)s. Translate these "
        "segments, or mark a name that must stay in Chinese with the “Chinese” language feature."
    ) % {"segments": "; ".join(str(item) for item in found)}


def not_ready_message(found: list[ChineseText]) -> str:
    """Why a translation cannot be marked ready for review: what publishing would refuse, said beforehand."""
    return _(
        "Not ready for review: this translation still contains Chinese text in %(segments)s. Translate these "
        "segments, or mark a name that must stay in Chinese with the “Chinese” language feature."
    ) % {"segments": "; ".join(str(item) for item in found)}


def check_publishable(instance) -> None:
    """Raises ValidationError naming the segments when a translation still shows Chinese."""
    if not is_translation(instance):
        return
    found = chinese_text(instance)
    if found:
        # A dict, as model validation raises: wagtail-localize's save_target reads `error_dict`.
        raise ValidationError({NON_FIELD_ERRORS: [refusal_message(found)]})


def refuse_chinese_on_publish(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """
    pre_save of every model: a live translation is being written whole, i.e. published.

    Wagtail writes a page's (or draftable snippet's) content row only when it goes live — drafts are
    revisions, and revision bookkeeping saves with `update_fields`. So this covers the admin's publish,
    wagtail-localize's editor and sync (`save_target`), `publish_scheduled`, bulk publish and workflow
    approval alike. Aliases are left alone: they mirror their source by design and this site uses none.
    """
    if raw or update_fields is not None:
        return
    if not isinstance(instance, DraftStateMixin) or not instance.live:
        return
    if isinstance(instance, Page) and instance.alias_of_id:
        return
    check_publishable(instance)
