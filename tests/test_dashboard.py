"""The secretariat's dashboard: what waits (applications, seats, translations, schedules), charts, badges."""

import datetime
import json
import re

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from home.editorial.charts import bar_chart
from home.editorial.translation_status import (
    AWAITING_REVIEW,
    IN_TRANSLATION,
    MISSING,
    OUT_OF_DATE,
    translation_status,
)
from membership.dashboard import applications_per_month, month_starts
from membership.models import MembershipApplication
from tests.factories import make_article, make_event, section, translate_to_english
from tests.test_membership import application_data
from tests.test_registration_admin import register

pytestmark = pytest.mark.django_db


def staff(django_user_model, *groups):
    user = django_user_model.objects.create_user(f"staff-{'-'.join(groups) or 'none'}".replace(" ", ""), password="x")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return client


def panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}-section"')
    return html[start : html.index("</section>", start)]


def sidebar_labels(html: str) -> str:
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_a_registration_and_an_application_from_the_public_site_show_on_the_dashboard(admin_client, client):
    event = make_event(title="仪表盘测试活动", capacity_onsite=5)
    registration = register(client, event, name="李四")
    assert client.post("/zh-hans/join/", application_data()).status_code == 302
    application = MembershipApplication.objects.get()

    html = admin_client.get("/admin/").content.decode()
    events = panel(html, "upcoming-events")
    assert "仪表盘测试活动" in events
    row = events.split("仪表盘测试活动", 1)[1].split("</tr>", 1)[0]
    assert [int(n) for n in re.findall(r"<td>(\d+)</td>", row)] == [5, 1, 4, 0, 0]  # capacity taken left waiting in
    link = f"/admin/registrations/?event={event.pk}"
    assert link in events
    assert registration.reference in admin_client.get(link).content.decode()

    applications = panel(html, "membership-applications")
    assert application.reference in applications and ">1</strong>" in applications
    review = f"/admin/membership/review/{application.pk}/"
    assert review in applications and admin_client.get(review).status_code == 200
    assert "/admin/membership/applications/?status=submitted" in applications

    chart = panel(html, "registrations-chart")
    assert "<svg" in chart and "仪表盘测试活动: 1</title>" in chart
    assert '<th scope="row">仪表盘测试活动</th><td>1</td>' in chart  # the table for screen readers
    month_chart = panel(html, "membership-applications-chart")
    this_month = f"{timezone.localdate().year}年{timezone.localdate().month}月"
    assert f'<th scope="row">{this_month}</th><td>1</td>' in month_chart


def test_panels_follow_permissions(django_user_model):
    events_staff = staff(django_user_model, "活动报名 · Event registrations").get("/admin/").content.decode()
    assert 'id="upcoming-events-section"' in events_staff
    assert 'id="membership-applications-section"' not in events_staff
    membership_staff = staff(django_user_model, "会员事务 · Membership affairs").get("/admin/").content.decode()
    assert 'id="membership-applications-section"' in membership_staff
    assert 'id="upcoming-events-section"' not in membership_staff
    assert 'id="translation-status-section"' not in membership_staff


def test_menu_items_count_what_waits(admin_client, client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    register(client, event)
    register(client, event)  # waits
    client.post("/en/join/", application_data())
    labels = sidebar_labels(admin_client.get("/admin/").content.decode())
    assert "活动报名（1）" in labels
    assert "会员（1）" in labels


def test_translations_panel_counts_a_chinese_only_page(admin_client):
    article = make_article(section("news"), title="尚未翻译的文章")
    html = panel(admin_client.get("/admin/").content.decode(), "translation-status")
    assert "尚未翻译的文章" in html and f"/admin/pages/{article.pk}/edit/" in html


def test_scheduled_pages_panel(admin_client):
    article = make_article(section("news"), title="定时发布的文章")
    revision = article.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=2))
    assert revision.approved_go_live_at
    html = panel(admin_client.get("/admin/").content.decode(), "scheduled-pages")
    assert "定时发布的文章" in html and f"/admin/pages/{article.pk}/edit/" in html


def test_dashboard_in_english(admin_client, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    html = admin_client.get("/admin/").content.decode()
    assert "Upcoming events and their seats" in html and "Applications per month" in html


def test_bar_lengths_are_proportional_and_an_empty_chart_says_so():
    chart = bar_chart("c", [("a", 10), ("b", 5), ("c", 0)], ["x", "y"])
    widths = [bar.width for bar in chart["bars"]]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert bar_chart("c", [], ["x"])["bars"] == []


def test_twelve_months_end_with_this_one():
    months = month_starts(datetime.date(2026, 3, 15))
    assert len(months) == 12 and months[0] == datetime.date(2025, 4, 1) and months[-1] == datetime.date(2026, 3, 1)
    assert [n for _month, n in applications_per_month()] == [0] * 12


def panel_counts(html: str) -> dict[str, int]:
    """The panel's count per state, read from its links to the report (`?state=…`)."""
    found = re.findall(r'href="/admin/editorial/translations/\?state=(\w+)">[^<]+</a>: <strong>(\d+)</strong>', html)
    return {state: int(count) for state, count in found}


def test_the_translations_panel_and_the_report_agree(admin_client):
    """One computation: the dashboard shows the report's counts, out-of-date pages included."""
    article = make_article(section("news"), title="发布后又修改的文章")
    translate_to_english(article)
    article.save_revision().publish()  # the Chinese page changes after its translation went live
    make_article(section("news"), title="尚未翻译的另一篇文章")
    _rows, counts, _locales = translation_status()
    shown = panel_counts(panel(admin_client.get("/admin/").content.decode(), "translation-status"))
    assert shown == {state: counts[state] for state in (MISSING, OUT_OF_DATE, IN_TRANSLATION, AWAITING_REVIEW)}
    assert shown[OUT_OF_DATE] >= 1 and shown[MISSING] >= 1
    report = admin_client.get("/admin/editorial/translations/", {"state": OUT_OF_DATE}).content.decode()
    assert "发布后又修改的文章" in report
