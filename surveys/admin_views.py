"""
The submissions list of a form page: Wagtail's, with a CSV that Excel opens in Chinese and that runs no formula, and
an XLSX whose number answers are numbers and whose times are the association's local time.
"""

import datetime
from decimal import Decimal, InvalidOperation

from wagtail.contrib.forms.views import SubmissionsListView

from home.personal_data.audit import log_export
from home.personal_data.csv_export import safe_cell
from home.personal_data.xlsx_export import local_naive


def as_number(value):
    """A number field's answer (stored as text in the submission's JSON) as a number; anything else as it is."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return value
    if not number.is_finite():
        return value
    return int(number) if number == number.to_integral_value() else float(number)


class SurveySubmissionsListView(SubmissionsListView):
    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        str: {SubmissionsListView.FORMAT_CSV: safe_cell},
        # Wagtail writes submission times in UTC; the secretariat reads them as local times, as on screen.
        datetime.datetime: {SubmissionsListView.FORMAT_XLSX: local_naive},
    }

    def dispatch(self, request, *args, **kwargs):
        form_page = kwargs.get("form_page")
        if form_page is not None:
            self.custom_field_preprocess = {
                field.clean_name: {self.FORMAT_XLSX: as_number}
                for field in form_page.get_form_fields()
                if field.field_type == "number"
            }
        return super().dispatch(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Every download of submissions is in the site history (the same audit entry as the other exports).
        log_export(
            self.request.user,
            queryset.model,
            rows=queryset.count(),
            file_format=spreadsheet_format,
            filters={"form": self.form_page.pk},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def stream_csv(self, queryset):
        # UTF-8 with a byte-order mark: without it Excel reads the file as the local code page.
        yield "\ufeff"
        yield from super().stream_csv(queryset)
