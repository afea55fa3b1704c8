"""The submissions list of a form page: Wagtail's, with a CSV that Excel opens in Chinese and that runs no formula."""

from wagtail.contrib.forms.views import SubmissionsListView

from home.personal_data.audit import log_export
from home.personal_data.csv_export import safe_cell


class SurveySubmissionsListView(SubmissionsListView):
    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        str: {SubmissionsListView.FORMAT_CSV: safe_cell},
    }

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
