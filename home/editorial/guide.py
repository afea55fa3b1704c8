"""The editors' guide in the admin, in the admin's language (Chinese or English)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Editors' guide")
    header_icon = "help"

    def get_template_names(self) -> list[str]:
        language = "zh" if (get_language() or "").startswith("zh") else "en"
        return [f"editorial/guide_{language}.html"]
