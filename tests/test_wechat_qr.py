"""The Official Account's QR code: the footer, the contact page and the "follow us on WeChat" block tell a phone
to long-press the code (it cannot scan its own screen) and a computer to scan it, in the same cached HTML."""

import io
from pathlib import Path

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from wagtail.contrib.settings.context_processors import settings as settings_context
from wagtail.images import get_image_model
from wagtail.models import Site

import pytest
from PIL import Image as PILImage

from home.blocks import WeChatFollowBlock

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LONG_PRESS_ZH = '<p class="wechat-hint wechat-hint--touch">长按识别二维码，关注官方微信公众号'
LONG_PRESS_EN = '<p class="wechat-hint wechat-hint--touch">Long-press the QR code to follow our official WeChat'


@pytest.fixture
def qr_code():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="wechat-qr", file=SimpleUploadedFile("wechat-qr.png", buffer.getvalue(), content_type="image/png")
    )
    site_settings = apps.get_model("home", "SiteSettings").for_site(Site.objects.get(is_default_site=True))
    site_settings.wechat_qr_code = image
    site_settings.save()
    return image


def test_the_contact_page_and_the_footer_tell_phones_to_long_press(client, qr_code):
    chinese = client.get("/zh-hans/contact/").content.decode()
    assert f"{LONG_PRESS_ZH}“成都服务贸易协会”。</p>" in chinese
    scan = "扫描二维码，关注官方微信公众号“成都服务贸易协会”。"
    assert f'<p class="wechat-hint wechat-hint--pointer">{scan}</p>' in chinese
    footer = chinese.split('<footer class="site-footer">', 1)[1]
    assert f"{LONG_PRESS_ZH}。</p>" in footer
    english = client.get("/en/contact/").content.decode()
    assert LONG_PRESS_EN in english and "Scan the QR code to follow our official WeChat account" in english


def test_the_stylesheet_shows_one_hint_per_kind_of_screen():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    rules = css.split("@media (hover: none) and (pointer: coarse) {", 1)
    assert ".wechat-hint--touch { display: none; }" in rules[0]
    assert ".wechat-hint--touch { display: block; }" in rules[1]
    assert ".wechat-hint--pointer { display: none; }" in rules[1]


@translation.override("zh-hans")
def test_the_follow_block_shows_the_qr_code_of_the_site_settings(qr_code):
    request = RequestFactory().get("/zh-hans/")
    block = WeChatFollowBlock()
    html = block.render(block.to_python({"heading": "", "text": "协会动态第一时间发布"}), settings_context(request))
    assert "<h2" in html and "关注我们的微信公众号" in html and "协会动态第一时间发布" in html
    assert 'alt="官方微信公众号二维码"' in html
    assert LONG_PRESS_ZH in html
    custom = block.render(block.to_python({"heading": "扫码关注", "text": ""}), settings_context(request))
    assert "扫码关注" in custom and "关注我们的微信公众号" not in custom


def test_the_follow_block_is_empty_without_a_qr_code():
    request = RequestFactory().get("/zh-hans/")
    block = WeChatFollowBlock()
    assert block.render(block.to_python({"heading": "", "text": ""}), settings_context(request)).strip() == ""
