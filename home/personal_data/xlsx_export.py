"""
XLSX downloads beside the CSV ones: Chinese intact (XLSX is Unicode), no cell ever read as a formula, and cells
typed: numbers are numbers and times are dates, so a spreadsheet sums and sorts them without conversion.
"""

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """XLSX has no time zones: a moment is written as the association's local time (TIME_ZONE), as shown."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def typed_cell(sheet, value):
    """A cell of the value's type: number, date and time, date, or text (never a formula)."""
    # Imported here, as Wagtail's own spreadsheet export does (a third-party import, which the layering rule
    # allows): openpyxl costs ~0.18 s of CPU at every worker's start, and only a download of an export needs it.
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool) or value is None or not isinstance(value, int | float | Decimal | datetime.date):
        cell = WriteOnlyCell(sheet, "" if value is None else str(value))
        # openpyxl stores a string starting with "=" as a formula; force plain text, as Wagtail's export does.
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, local_naive(value))
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value)
    return cell


def xlsx_response(filename: str, header: list[str], rows: Iterable[Iterable], title: str = "Sheet1") -> FileResponse:
    from openpyxl import Workbook  # imported here: see typed_cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([typed_cell(sheet, str(cell)) for cell in header])
    for row in rows:
        sheet.append([typed_cell(sheet, cell) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
