"""The markup of listing rows and event times (news.listing_html): local time, both languages, escaped."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

import pytest

from news.listing_html import event_when, listing_item

BEIJING = ZoneInfo("Asia/Shanghai")


def event(start=None, end=None, all_day=False, venue=""):
    return SimpleNamespace(start=start, end=end, all_day=all_day, venue=venue)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2024, 5, day, hour, minute, tzinfo=BEIJING)


def test_a_timed_event_ending_the_same_day_shows_the_end_time_only():
    with translation.override("en"):
        html = event_when(event(at(28, 14), at(28, 17)))
    assert html == (
        '<time datetime="2024-05-28T14:00:00+08:00">28 May 2024, 14:00</time>'
        ' – <time datetime="2024-05-28T17:00:00+08:00">17:00</time>'
    )


def test_the_day_is_the_local_day_not_utc():
    # 07:00 in Beijing is 23:00 UTC the day before: the end is still "the same day" to the reader.
    with translation.override("zh-hans"):
        html = event_when(event(at(28, 7), at(28, 9)))
    assert "2024年5月28日 07:00" in html and ">09:00</time>" in html


def test_an_event_over_several_days_shows_both_dates():
    with translation.override("zh-hans"):
        timed = event_when(event(at(25, 9), at(26, 16)))
        all_day = event_when(event(at(26, 0), at(28, 0), all_day=True))
    assert "2024年5月26日 16:00" in timed
    assert all_day == (
        '<time datetime="2024-05-26">2024年5月26日</time> – <time datetime="2024-05-28">2024年5月28日</time>'
    )


def test_an_undated_event_is_to_be_announced_in_the_readers_language():
    with translation.override("en"):
        assert event_when(event()) == "Time to be announced"
    with translation.override("zh-hans"):
        assert event_when(event()) == "时间待定"


def row(**fields):
    defaults = {
        "title": "服务外包<script>",
        "summary": "",
        "tag": SimpleNamespace(tag_label="通知"),
        "event": None,
        "date": datetime.date(2024, 5, 22),
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_a_row_escapes_its_texts_and_shows_tag_date_and_venue():
    with translation.override("zh-hans"):
        html = listing_item(row(event=event(at(28, 14), venue="A & B 会场")), "/zh-hans/news/x/", "h2")
    assert '<h2 class="listing-item__title"><a href="/zh-hans/news/x/"><span class="tag">通知</span>' in html
    assert "服务外包&lt;script&gt;" in html and "<script>" not in html
    assert " · A &amp; B 会场</p>" in html
    assert '<time class="date-badge" datetime="2024-05-22"><span class="date-badge__day">05-22</span>' in html


def test_a_row_without_tag_or_summary_and_a_bad_heading():
    html = listing_item(row(tag=None), "/en/news/x/")
    assert '<h3 class="listing-item__title"><a href="/en/news/x/">服务外包&lt;script&gt;</a></h3>' in html
    assert "listing-item__summary" not in html
    with pytest.raises(ValueError):
        listing_item(row(), "/en/news/x/", "h1><script")
