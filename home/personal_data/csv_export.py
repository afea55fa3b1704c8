"""CSV downloads that Excel opens with Chinese intact and that cannot smuggle in formulas."""

import csv
import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value) -> str:
    """A value as text: moments in the association's local time to the minute, dates as YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else f"{value:%Y-%m-%d %H:%M}"
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def safe_cell(value) -> str:
    """Neutralise cells a spreadsheet would run as a formula (CSV injection): prefix them with '."""
    text = cell_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    # UTF-8 with a byte-order mark: without it Excel reads the file as the local code page.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
