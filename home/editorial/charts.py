"""
Bar charts drawn on the server as SVG, for the admin's dashboard: no JavaScript, nothing from a CDN.

`bar_chart()` lays the bars out; `templates/home/admin/bar_chart.html` draws them, and repeats the
numbers as a table for screen readers (the picture is hidden from them). Labels and captions come
translated from the caller, so the chart reads in either admin language.
"""

from dataclasses import dataclass

LABEL_WIDTH = 190
BAR_AREA = 330
ROW_HEIGHT = 26
BAR_HEIGHT = 16
MAX_LABEL_CHARACTERS = 14


@dataclass
class Bar:
    label: str
    short_label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


def shorten(label: str, limit: int = MAX_LABEL_CHARACTERS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(caption: str, rows: list[tuple[str, int]], columns: list[str], table_rows: list[list] | None = None):
    """
    A horizontal bar chart of `rows` ((label, value)) and its table.

    `columns` are the table's headings (the first for the labels); `table_rows` may carry more
    numbers per row than the bars show (e.g. waiting and checked in next to seats taken).
    """
    largest = max((value for _label, value in rows), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        width = round(BAR_AREA * value / largest) if value else 0
        bars.append(
            Bar(
                label=label,
                short_label=shorten(label),
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 3,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return {
        "caption": caption,
        "bars": bars,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "columns": columns,
        "table_rows": table_rows if table_rows is not None else [[label, value] for label, value in rows],
    }
