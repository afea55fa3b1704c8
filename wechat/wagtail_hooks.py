"""The wechat app's admin wiring: the Official Account import screen and its menu entry."""

from django.urls import path, reverse
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class WeChatImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.sections_for(request.user))


@hooks.register("register_admin_urls")
def wechat_admin_urls():
    return [path("wechat/import/", admin_views.import_articles, name="wechat_import")]


@hooks.register("register_admin_menu_item")
def wechat_import_menu_item():
    return WeChatImportMenuItem(
        pgettext_lazy("wechat", "WeChat articles"), reverse("wechat_import"), icon_name="download", order=255
    )
