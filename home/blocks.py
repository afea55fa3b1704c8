"""StreamField blocks shared by every page type with a body (articles, standard pages, the home page…).

Every text an editor writes in a block is a translation segment, tables and defaults included."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.segments import StringSegmentValue

from home.personal_data.blocks import RetentionPeriodsBlock
from home.site_facts import DataAccessBlock, DataRequestsBlock, HostingLocationBlock

# "lang-zh" (home/editorial/wagtail_hooks.py) marks words that stay Chinese on the English site.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript", "lang-zh"]


class HeadingBlock(blocks.CharBlock):
    """A section heading (h2; the page title is the h1). Long articles list them in a table of contents."""

    level = 2

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["level"] = self.level
        return context

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        form_classname = "title"


# Three block types rather than a level field: a stored "heading" stays an h2 without a data migration,
# and each level stays a plain CharBlock, so wagtail-localize keeps one segment per heading, as before.
class SubheadingBlock(HeadingBlock):
    """A heading within a section (h3), e.g. “1.” under “一、”."""

    level = 3

    class Meta:
        icon = "title"
        label = _("Subheading")
        template = "blocks/heading_block.html"


class MinorHeadingBlock(HeadingBlock):
    """A heading within a subsection (h4), e.g. “（1）” under “1.”."""

    level = 4

    class Meta:
        icon = "title"
        label = _("Minor heading")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=pgettext_lazy("block", "Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_("Describes the image for screen readers. Left empty: the image's own description."),
    )

    def clean(self, value):
        # Stored, not looked up when rendering: a stored text is a translation segment, so the English
        # page gets English alternative text instead of the image's Chinese title.
        value = super().clean(value)
        if not value.get("alt_text") and value.get("image"):
            value["alt_text"] = value["image"].default_alt_text
        return value

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"), help_text=_("Left empty: the document's title."))

    def clean(self, value):
        # Stored like the image's alternative text above, so that the link text is translated.
        value = super().clean(value)
        if not value.get("title") and value.get("document"):
            value["title"] = value["document"].title
        return value

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
        template = "blocks/attachment_block.html"


class EmbedMediaBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Embedded media")
        template = "blocks/embed_block.html"


class TranslatableTableBlock(TableBlock):
    """
    A table whose caption and cells are translation segments.

    wagtail-localize's extractor skips TableBlock (and TypedTableBlock), so the English page showed the
    Chinese table; it calls these two methods on any block that has them. The stored data keeps
    TableBlock's shape: no content migration.
    """

    def get_translatable_segments(self, value) -> list[StringSegmentValue]:
        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row or []):
                if cell and str(cell).strip():
                    segments.append(StringSegmentValue(f"cell-{row_index}-{column_index}", str(cell)))
        return segments

    def segment_label(self, path: str) -> str:
        """A segment's readable name (home/editorial/segment_names.py): the caption, or a cell by row and column."""
        if path.startswith("cell-"):
            _prefix, row_index, column_index = path.split("-")
            return pgettext("translation segment", "Row %(row)s, column %(column)s") % {
                "row": int(row_index) + 1,
                "column": int(column_index) + 1,
            }
        return pgettext("translation segment", "Table caption")

    def restore_translated_segments(self, value, segments):
        value = {**value, "data": [list(row or []) for row in value.get("data") or []]}
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            elif segment.path.startswith("cell-"):
                _prefix, row_index, column_index = segment.path.split("-")
                value["data"][int(row_index)][int(column_index)] = text
        return value


class OmittedFigureBlock(blocks.StructBlock):
    """Where the source has a table or figure that is not reproduced: its caption and a visible note."""

    caption = blocks.CharBlock(label=_("Caption"), help_text=_("e.g. 表1 2010~2022年中国对外贸易进出口统计"))
    source = blocks.CharBlock(required=False, label=_("Source of the table or figure"))

    class Meta:
        icon = "warning"
        label = _("Table or figure not reproduced")
        template = "blocks/omitted_figure_block.html"


class WeChatFollowBlock(blocks.StructBlock):
    """
    "Follow us on WeChat": the Official Account's QR code from the site settings, with its name and the right
    instruction for the device (a phone cannot scan its own screen: it is told to long-press the code). Renders
    nothing while no QR code is uploaded.
    """

    heading = blocks.CharBlock(
        required=False,
        label=pgettext_lazy("wechat", "Heading"),
        help_text=pgettext_lazy("wechat", "Left empty: “Follow us on WeChat”."),
    )
    text = blocks.CharBlock(
        required=False,
        label=pgettext_lazy("wechat", "Text"),
        help_text=pgettext_lazy("wechat", "Optional: what readers find on the account."),
    )

    class Meta:
        icon = "mail"
        label = pgettext_lazy("wechat", "Follow us on WeChat")
        template = "blocks/wechat_follow_block.html"
        description = pgettext_lazy("wechat", "The Official Account's QR code from the site settings.")
        preview_value = {"heading": "", "text": ""}


class ArticleBodyBlock(blocks.StreamBlock):
    """
    The body of articles and events: what an article is written with, one translation segment per text block.
    The privacy policy's fact blocks are not offered here (an article has no use for them).
    """

    heading = HeadingBlock()
    subheading = SubheadingBlock()
    minor_heading = MinorHeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    table = TranslatableTableBlock(label=_("Table"), template="blocks/table_block.html")
    omitted_figure = OmittedFigureBlock()
    quote = QuoteBlock()
    attachment = AttachmentBlock()
    embed = EmbedMediaBlock()
    wechat_follow = WeChatFollowBlock()


class BodyBlock(ArticleBodyBlock):
    """The body of standard pages (the privacy policy among them): an article's blocks and the site's facts."""

    # Sentences the software states from its settings and its own behaviour (the privacy policy's facts).
    # Each is a SiteFactBlock with no fields of its own: nothing to translate, nothing to get wrong.
    hosting_location = HostingLocationBlock()
    data_access = DataAccessBlock()
    data_requests = DataRequestsBlock()
    retention_periods = RetentionPeriodsBlock()
