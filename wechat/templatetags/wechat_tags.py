"""Template tags of the wechat app: the share-card script every public page loads (base.html)."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from wechat.api import configured

register = template.Library()

SHARE_SCRIPT = "wechat/js/share.js"
# WeChat's JS-SDK, served from our own static files (see wechat/static/wechat/vendor/README.md).
SDK_SCRIPT = "wechat/vendor/jweixin-1.6.0.js"


@register.simple_tag
def wechat_share_script() -> str:
    """
    The same tag for every visitor (pages are cached whole, by URL): the script itself checks for WeChat's
    in-app browser and only there loads the SDK and asks for the signature. Nothing while WeChat is not
    configured.
    """
    if not configured():
        return ""
    return format_html(
        '<script src="{}" data-sdk="{}" data-config="{}" defer></script>',
        static(SHARE_SCRIPT),
        static(SDK_SCRIPT),
        reverse("wechat_js_sdk_config"),
    )
