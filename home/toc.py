"""
The table of contents of a long body: its h2 headings with their h3 subheadings, linked by anchor.

It is shown before the first h2, after the article's opening paragraphs (as an encyclopaedia does): on a phone
the first screen then holds the beginning of the text, not a list of headings.
"""

from dataclasses import dataclass, field

# Long enough to need one: the structure decides, not the text's length, so that the Chinese page and
# its English translation (same blocks) both have a table of contents or neither has.
MIN_HEADINGS = 3
MIN_BLOCKS = 20
LEVELS = {"heading": 2, "subheading": 3}


class TableOfContents(list):
    """The entries, and the id of the heading block before which the table goes."""

    first_heading_id: str = ""


@dataclass
class ContentsEntry:
    text: str
    anchor: str
    children: list["ContentsEntry"] = field(default_factory=list)


def heading_anchor(block_id: str) -> str:
    """The id of a heading element (templates/blocks/heading_block.html uses the same rule)."""
    return f"h-{str(block_id)[:8]}"


def table_of_contents(body) -> TableOfContents:
    """Entries for a long body (see MIN_HEADINGS, MIN_BLOCKS), else an empty list."""
    blocks = list(body)
    headings = [block for block in blocks if block.block_type in LEVELS]
    entries = TableOfContents()
    if len(blocks) < MIN_BLOCKS or sum(1 for b in headings if LEVELS[b.block_type] == 2) < MIN_HEADINGS:
        return entries
    entries.first_heading_id = str(headings[0].id)
    for block in headings:
        entry = ContentsEntry(text=str(block.value), anchor=heading_anchor(block.id))
        if LEVELS[block.block_type] == 3 and entries:
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries
