"""
Readable names of translation segments: "正文 · 段落 3" (Body · Paragraph 3), not "body.beae7fb6-…".

wagtail-localize names a segment by its content path: the field, then a StreamField block's UUID (or an inline
child's translation key), then the names inside the block. People find a segment by the field's label, the block
type's label with its position among the blocks of that type (the third paragraph), then the part of the block
(a caption, a table cell). Used wherever a segment is named to a person: the changes view, the publish guard's
refusal, the PO file's comments and the translation editor's headings (patches/segment_labels.py).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import pgettext

from wagtail import blocks
from wagtail.fields import StreamField

SEPARATOR = " · "


def label(value) -> str:
    return str(capfirst(value)) if value else ""


def segment_name(instance, path: str) -> str:
    """The readable name of the segment at `path` of `instance` (the source, or its translation)."""
    return SEPARATOR.join(segment_name_parts(instance, path))


def segment_name_parts(instance, path: str) -> list[str]:
    """[field, block with its position, part of the block…]; the raw path when the field is unknown."""
    name, *rest = path.split(".")
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return [path]
    if isinstance(field, StreamField):
        return [label(field.verbose_name), *stream_parts(getattr(instance, name), rest)]
    if isinstance(field, models.ManyToOneRel) and rest:
        return inline_child_parts(instance, field, rest)
    return [label(getattr(field, "verbose_name", name))]


def positioned(block_label: str, position: int) -> str:
    return f"{block_label} {position}"


def stream_parts(stream, rest: list[str]) -> list[str]:
    """The block `rest[0]` (a UUID) of a StreamValue, named by its type and position among blocks of that type."""
    if not rest:
        return []
    block_id, *inner = rest
    seen: dict[str, int] = {}
    for child in stream:
        seen[child.block_type] = seen.get(child.block_type, 0) + 1
        if child.id == block_id:
            name = positioned(label(child.block.label or child.block_type), seen[child.block_type])
            return [name, *block_parts(child.block, child.value, inner)]
    return []


def block_parts(block, value, rest: list[str]) -> list[str]:
    """The part `rest` of a block's value: a struct's child, a list's item, a nested stream's block, a table cell."""
    if not rest:
        return []
    if hasattr(block, "segment_label"):
        return [block.segment_label(".".join(rest))]
    if isinstance(block, blocks.StructBlock):
        child = block.child_blocks.get(rest[0])
        if child is None:
            return []
        child_value = value.get(rest[0]) if hasattr(value, "get") else None
        return [label(child.label or rest[0]), *block_parts(child, child_value, rest[1:])]
    if isinstance(block, blocks.StreamBlock):
        return stream_parts(value or [], rest)
    if isinstance(block, blocks.ListBlock):
        for position, item in enumerate(getattr(value, "bound_blocks", []), start=1):
            if item.id == rest[0]:
                return [list_item(position), *block_parts(block.child_block, item.value, rest[1:])]
    return []


def list_item(position: int) -> str:
    return pgettext("translation segment", "Item %(number)s") % {"number": position}


def inline_child_parts(instance, relation: models.ManyToOneRel, rest: list[str]) -> list[str]:
    """An inline child (a page's contact, agenda row…): its model, its position, its field."""
    key, *inner = rest
    children = list(getattr(instance, relation.get_accessor_name()).all())
    meta = relation.related_model._meta
    parts = [label(meta.verbose_name_plural)]
    for position, child in enumerate(children, start=1):
        if str(getattr(child, "translation_key", "")) == key:
            parts.append(positioned(label(meta.verbose_name), position))
            if inner:
                parts += segment_name_parts(child, ".".join(inner))
            break
    return parts
