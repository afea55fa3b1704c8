"""
The translation loop over HTTP, as the translator and the approver go through it: missing → in translation →
ready for review (approvers told by e-mail in their admin language, a dashboard panel) → sent back with a comment
(the translator sees it in the editor and by e-mail) → ready again → published. The status report and the
dashboard agree at every step (one computation).
"""

import json
import re

from django.core import mail
from django.test import Client
from django.utils.translation import gettext, pgettext
from django.utils.translation import override as translation_override

from wagtail.models import PageLogEntry

import pytest

from home.editorial.models import TranslationReview
from home.editorial.roles import TRANSLATORS
from home.editorial.translation_status import AWAITING_REVIEW, IN_TRANSLATION, MISSING, UP_TO_DATE, translation_status
from tests.editorial import chinese_admin
from tests.factories import locale, make_article, section
from tests.review_helpers import (
    REPORT,
    approver,
    dashboard_panel_counts,
    report_counts,
    report_state,
    review_panel_titles,
    staff,
    translate_all,
    translation_of,
    translator,
)

pytestmark = pytest.mark.django_db

TITLE = "审核流程测试文章"
ENGLISH = {TITLE: "An article to test the review loop", "服务贸易审核摘要。": "A summary on trade in services review."}
DASHBOARD_STATES = ("missing", "out_of_date", "in_translation", "awaiting_review")


@pytest.fixture
def article():
    return make_article(section("news"), title=TITLE, summary="服务贸易审核摘要。")


@pytest.fixture
def people(django_user_model):
    return translator(django_user_model), approver(django_user_model)


def assert_report_and_dashboard_agree(translator_client: Client, approver_client: Client, page, state: str) -> None:
    """The row's state, and the counts the report, the dashboard and the computation give, are one."""
    assert report_state(translator_client, page) == state
    counts = report_counts(translator_client)
    _rows, computed, _locales = translation_status()
    assert counts == {key: computed[key] for key in counts}
    assert dashboard_panel_counts(translator_client) == {key: counts[key] for key in DASHBOARD_STATES}
    listed = review_panel_titles(approver_client)
    assert len(listed) == counts[AWAITING_REVIEW]
    assert (TITLE in listed) == (state == AWAITING_REVIEW)


def editor_html(client: Client, page) -> str:
    response = client.get(f"/admin/pages/{page.get_translation(locale('en')).pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def refused(response) -> bool:
    """Wagtail's admin answers a refused view with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def footer_data(html: str) -> dict | None:
    found = re.search(r'<script id="cdats-translation-review" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else None


def test_the_loop_closes_and_the_report_and_dashboard_agree_at_every_step(
    article, people, django_capture_on_commit_callbacks
):
    (translator_user, translator_client), (approver_user, approver_client) = people
    assert_report_and_dashboard_agree(translator_client, approver_client, article, MISSING)

    # The translator submits it for translation: an English draft, in translation.
    response = translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    assert response.status_code == 302
    assert_report_and_dashboard_agree(translator_client, approver_client, article, IN_TRANSLATION)

    # The footer offers "Ready for review" (the editor's script puts it in place of Lock and Delete).
    data = footer_data(editor_html(translator_client, article))
    translation = translation_of(article)
    assert data == {
        "readyUrl": f"/admin/editorial/translations/{translation.pk}/ready/",
        "awaiting": False,
        "label": "Ready for review",
        "awaitingLabel": "Awaiting review",
    }

    # Translated and marked ready: the approvers are told by e-mail, in their admin language (Chinese).
    translate_all(translator_client, article, ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(data["readyUrl"], {"next": "/admin/"}, follow=True)
    assert "Submitted for review: 1 approver has been told by e-mail." in response.content.decode()
    assert_report_and_dashboard_agree(translator_client, approver_client, article, AWAITING_REVIEW)
    [ready_mail] = mail.outbox
    assert ready_mail.to == [approver_user.email]
    assert ready_mail.subject == f"待审核：“{TITLE}”的英文译文"
    assert f"/admin/editorial/translations/{translation.pk}/review/" in ready_mail.body
    assert footer_data(editor_html(translator_client, article))["awaiting"] is True

    # The approver's review screen: the Chinese beside the English, every segment side by side.
    review_url = f"/admin/editorial/translations/{translation.pk}/review/"
    screen = approver_client.get(review_url).content.decode()
    assert "translation-review-frames" in screen and f"/admin/localize/translate/{translation.pk}/preview/" in screen
    assert f"/admin/editorial/translations/{translation.pk}/review/source/" in screen
    assert ENGLISH["服务贸易审核摘要。"] in screen and "服务贸易审核摘要。" in screen
    assert approver_client.get(f"{review_url}source/").status_code == 200

    # Sent back with a comment: the translator reads it by e-mail (in English) and in the editor.
    mail.outbox.clear()
    comment = "Say “Chengdu Association of Trade in Services” in full in the summary."
    with django_capture_on_commit_callbacks(execute=True):
        response = approver_client.post(review_url, {"action": "send_back", "comment": comment}, follow=True)
    assert "已要求修改" in response.content.decode()
    assert_report_and_dashboard_agree(translator_client, approver_client, article, IN_TRANSLATION)
    [sent_back] = mail.outbox
    assert sent_back.to == [translator_user.email]
    assert sent_back.subject == f"Changes requested: the English translation of “{TITLE}”"
    assert comment in sent_back.body and "/edit/" in sent_back.body
    html = editor_html(translator_client, article)
    assert 'data-review-state="changes_requested"' in html and comment in html
    assert footer_data(html)["awaiting"] is False
    report = translator_client.get(REPORT).content.decode()
    assert "translation-changes-requested" in report

    # Changed and marked ready again; the approver publishes it from the review screen.
    translate_all(
        translator_client,
        article,
        {"服务贸易审核摘要。": "A summary by the Chengdu Association of Trade in Services."},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        translator_client.post(data["readyUrl"])
    assert [message.to for message in mail.outbox] == [[approver_user.email]]
    assert_report_and_dashboard_agree(translator_client, approver_client, article, AWAITING_REVIEW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = approver_client.post(review_url, {"action": "publish"}, follow=True)
    assert "已批准并发布" in response.content.decode()
    assert_report_and_dashboard_agree(translator_client, approver_client, article, UP_TO_DATE)
    english = article.get_translation(locale("en"))
    assert english.live
    assert "Chengdu Association of Trade in Services" in Client().get(english.url).content.decode()
    [published] = mail.outbox
    assert published.to == [translator_user.email] and published.subject.startswith("Published:")
    assert TranslationReview.objects.get(translation=translation).status == TranslationReview.PUBLISHED

    # Every turn is in the English page's history.
    actions = list(PageLogEntry.objects.filter(page=english).values_list("action", flat=True))
    assert actions.count("cdats.translation_ready") == 2 and actions.count("cdats.translation_sent_back") == 1


def test_chinese_left_in_the_english_is_not_ready_for_review(article, people, django_capture_on_commit_callbacks):
    (_user, translator_client), (_approver_user, approver_client) = people
    translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    translate_all(translator_client, article, {TITLE: ENGLISH[TITLE]})  # the summary left in Chinese
    translation = translation_of(article)
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(f"/admin/editorial/translations/{translation.pk}/ready/", follow=True)
    content = response.content.decode()
    assert "Not ready for review" in content and "服务贸易审核摘要。" in content
    assert mail.outbox == []
    assert report_state(translator_client, article) == IN_TRANSLATION
    assert review_panel_titles(approver_client) == []


def test_sending_back_needs_a_comment(article, people):
    (_user, translator_client), (_approver_user, approver_client) = people
    translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    translation = translation_of(article)
    response = approver_client.post(
        f"/admin/editorial/translations/{translation.pk}/review/", {"action": "send_back", "comment": "  "}
    )
    assert response.status_code == 200
    assert "请写明需要修改的内容" in response.content.decode()
    assert not TranslationReview.objects.filter(translation=translation).exists()


def test_only_those_who_may_publish_review_and_only_editors_mark_ready(article, people, django_user_model):
    (_user, translator_client), (_approver_user, approver_client) = people
    translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    translation = translation_of(article)
    review_url = f"/admin/editorial/translations/{translation.pk}/review/"
    assert refused(translator_client.get(review_url))
    assert refused(translator_client.post(review_url, {"action": "publish"}))
    assert refused(translator_client.get(f"{review_url}source/"))
    assert not article.get_translation(locale("en")).live
    # An approver may publish, so the editor offers them Publish, not "Ready for review".
    assert footer_data(editor_html(approver_client, article)) is None
    # A Notices editor may not edit a News page: no marking it ready.
    outsider = chinese_admin(django_user_model, "notices-editor", "通知公告编辑 · Notices editors")
    assert refused(outsider.post(f"/admin/editorial/translations/{translation.pk}/ready/"))
    assert not TranslationReview.objects.filter(translation=translation).exists()


def test_a_new_chinese_version_takes_a_translation_out_of_review(article, people):
    (_user, translator_client), (_approver_user, approver_client) = people
    translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    translate_all(translator_client, article, ENGLISH)
    translator_client.post(f"/admin/editorial/translations/{translation_of(article).pk}/ready/")
    assert report_state(translator_client, article) == AWAITING_REVIEW
    revision = article.get_latest_revision_as_object()
    revision.summary = "服务贸易审核摘要已更新。"
    revision.save_revision().publish()
    # The approver would review a translation of the old Chinese: it is back in translation.
    assert report_state(translator_client, article) == IN_TRANSLATION
    assert review_panel_titles(approver_client) == []


def test_publishing_from_the_translation_editor_closes_the_review(article, people, django_capture_on_commit_callbacks):
    (_user, translator_client), (_approver_user, approver_client) = people
    translator_client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale("en").pk]})
    translate_all(translator_client, article, ENGLISH)
    translation = translation_of(article)
    translator_client.post(f"/admin/editorial/translations/{translation.pk}/ready/")
    english = article.get_translation(locale("en"))
    # The approver opens the editor: the notice links the review screen; they publish from the editor itself.
    html = editor_html(approver_client, article)
    assert 'data-review-state="awaiting_review"' in html and f"/translations/{translation.pk}/review/" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = approver_client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live
    assert TranslationReview.objects.get(translation=translation).status == TranslationReview.PUBLISHED
    assert report_state(translator_client, article) == UP_TO_DATE


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_guide_names_the_loops_buttons_as_the_screens_do(django_user_model, language):
    _user, client = staff(django_user_model, f"reader-{language}", TRANSLATORS, language)
    guide = client.get("/admin/editorial/guide/").content.decode()
    with translation_override(language):
        labels = [
            pgettext("translation review", "Ready for review"),
            pgettext("translation review", "Awaiting review"),
            pgettext("translation review", "Translations awaiting your review"),
            pgettext("translation review", "Approve and publish"),
            pgettext("translation review", "What should the translator change?"),
            pgettext("translation review", "Send back to the translator"),
            pgettext("translation bulk action", "With the ticked rows"),
            pgettext("translation bulk action", "Sync with the source"),
            pgettext("translation bulk action", "Machine-translate into drafts"),
            pgettext("translation bulk action", "Apply"),
            gettext("Copied from the source: nothing to translate"),
            pgettext("po file", "PO file"),
            pgettext("po file", "Upload translated PO files"),
            pgettext("translation bulk action", "Download their PO files (ZIP)"),
        ]
    assert 'id="translation-review"' in guide
    for label in labels:
        assert label in guide, label
