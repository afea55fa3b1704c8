from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class WeChatConfig(AppConfig):
    """WeChat as a channel: share cards in WeChat's browser, the Official Account's articles, its QR code."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wechat"
    verbose_name = pgettext_lazy("wechat", "WeChat")
