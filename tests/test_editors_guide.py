"""
The editors' guide matches the screens: every button and label its scheduling steps quote is on the page editor
in that admin language (a new article, then one with a schedule), and its screenshots are in static/ and small.
"""

import datetime
import re
from html import unescape
from pathlib import Path

from django.test import Client
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from news.models import ArticlePage
from tests.factories import section

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LARGEST_SCREENSHOT = 150 * 1024


def text_of(html: str) -> str:
    """What the page says, tags and all white space removed (labels are compared without spaces)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(params=["zh-hans", "en"])
def editor(request, django_user_model) -> tuple[Client, str]:
    user = django_user_model.objects.create_superuser(f"guide-{request.param}", "guide@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = request.param
    profile.save()
    client = Client()
    client.force_login(user)
    return client, request.param


def scheduling_steps(client: Client) -> str:
    guide = client.get("/admin/editorial/guide/").content.decode()
    return guide.split('id="scheduling"', 1)[1].split("<h3", 1)[0]


def quoted_labels(html: str) -> list[str]:
    """The labels the steps quote (“…”); an ellipsis stands for a value the screen fills in."""
    labels = []
    for quoted in re.findall(r"“([^”]+)”", unescape(re.sub(r"<[^>]+>", "", html))):
        labels += [part for part in re.split(r"…+|……", quoted) if part.strip()]
    return [re.sub(r"\s+", "", label) for label in labels]


def editor_screens(client: Client) -> str:
    """A new article's editor and the editor of a draft with a go-live date: what the scheduling steps walk."""
    news = section("news")
    blank = client.get(f"/admin/pages/add/news/articlepage/{news.pk}/").content.decode()
    draft = news.add_child(instance=ArticlePage(title="定时发布的文章", slug="guide-scheduled", live=False))
    draft.go_live_at = timezone.now() + datetime.timedelta(days=30)
    draft.save_revision()
    scheduled = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    return text_of(blank) + text_of(scheduled)


def test_the_scheduling_steps_name_the_buttons_the_editor_shows(editor):
    client, language = editor
    labels = quoted_labels(scheduling_steps(client))
    assert len(labels) >= 8, labels
    screens = editor_screens(client)
    missing = [label for label in labels if label not in screens]
    assert missing == [], f"the {language} guide quotes labels the editor does not show: {missing}"


def test_the_guide_no_longer_sends_editors_to_a_settings_tab(editor):
    client, _language = editor
    guide = client.get("/admin/editorial/guide/").content.decode()
    assert "“设置”标签" not in guide and "Settings tab" not in guide


def test_the_guides_screenshots_are_in_static_and_small(editor):
    client, _language = editor
    guide = client.get("/admin/editorial/guide/").content.decode()
    images = re.findall(r'<img src="/static/(img/guide/[^"]+\.png)"', guide)
    assert len(images) >= 5
    for image in images:
        path = ROOT / "static" / image
        assert path.exists(), image
        assert path.stat().st_size < LARGEST_SCREENSHOT, (image, path.stat().st_size)
