"""django-modeltranslation registrations: plain models edited as one bilingual record."""

from modeltranslation.translator import TranslationOptions, register

from home.models import SiteSettings


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("tagline", "address", "wechat_account_name", "copyright_holder", "hosting_location")
