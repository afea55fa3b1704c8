"""XLSX downloads beside the CSV ones: Chinese intact (XLSX is Unicode), no cell ever read as a formula."""

import io
from collections.abc import Iterable

from django.http import FileResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(sheet, value):
    # Imported here, as Wagtail's own spreadsheet export does (a third-party import, which the layering rule allows):
    # openpyxl costs ~0.18 s of CPU at every worker's start, and only a download of an export needs it.
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, "" if value is None else str(value))
    # openpyxl stores a string starting with "=" as a formula; force plain text, as Wagtail's export does.
    cell.data_type = "s"
    return cell


def xlsx_response(filename: str, header: list[str], rows: Iterable[Iterable], title: str = "Sheet1") -> FileResponse:
    from openpyxl import Workbook  # imported here: see _cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_cell(sheet, cell) for cell in header])
    for row in rows:
        sheet.append([_cell(sheet, cell) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
