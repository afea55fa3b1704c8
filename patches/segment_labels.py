"""
Readable segment names in wagtail-localize's translation editor: "Body · Paragraph 3", not just "Paragraph".

The editor heads each StreamField block's segments with the block type's label only, so with forty paragraphs the
translator cannot tell which one the changes view ("Body · Paragraph 12", home/editorial/segment_names.py) or the
publish guard's refusal means; a table's cells had no name at all. The editor takes its headings from
`get_segment_location_info()`, a module-level function its view looks up at each call: this wraps it and names
the block (and a table cell) as the rest of the site does. Everything else it returns is left as it was.
"""

from wagtail_localize.views import edit_translation

from home.editorial.segment_names import SEPARATOR, segment_name_parts

wagtail_get_segment_location_info = edit_translation.get_segment_location_info


def get_segment_location_info(source_instance, tab_helper, content_path, field_path, widget=False):
    location = wagtail_get_segment_location_info(source_instance, tab_helper, content_path, field_path, widget=widget)
    if location.get("blockId"):
        parts = segment_name_parts(source_instance, content_path)
        if len(parts) >= 2:
            location["field"] = SEPARATOR.join(parts[:2])
            if len(parts) > 2 and not location.get("subField"):
                location["subField"] = SEPARATOR.join(parts[2:])
    return location


def install() -> None:
    edit_translation.get_segment_location_info = get_segment_location_info
