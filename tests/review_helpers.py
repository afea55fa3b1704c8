"""Helpers for the translation loop's tests: the report's and dashboard's counts."""

import re
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.test import Client

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from home.editorial.roles import APPROVERS, TRANSLATORS
from tests.factories import locale

REPORT = "/admin/editorial/translations/"


def staff(django_user_model, username: str, group: str, language: str):
    """A user of one editorial group whose admin (and e-mail) is in `language`, and a logged-in client."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pass-for-tests")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return user, client


def translator(django_user_model, username: str = "translator"):
    return staff(django_user_model, username, TRANSLATORS, "en")


def approver(django_user_model, username: str = "approver"):
    return staff(django_user_model, username, APPROVERS, "zh-hans")


def report_counts(client: Client) -> dict[str, int]:
    """The report's count per state (its summary line)."""
    html = client.get(REPORT).content.decode()
    return {state: int(count) for state, count in re.findall(r'data-state="(\w+)">[^<]*?: (\d+)</span>', html)}


def report_states(client: Client) -> dict[str, str]:
    """The state of every row of the report, by the row's key (`page:<source id>:<locale id>`…)."""
    html = client.get(REPORT).content.decode()
    return {key: state for state, key in re.findall(r'<tr data-state="(\w+)">\s*<td><input[^>]*value="([^"]+)"', html)}


def report_state(client: Client, page) -> str:
    """The state of `page`'s English row in the report (`page`: the Chinese source)."""
    return report_states(client)[f"page:{page.pk}:{locale('en').pk}"]


def dashboard_panel_counts(client: Client) -> dict[str, int]:
    """The translations panel's count per state, read from its links to the report (`?state=…`)."""
    html = client.get("/admin/").content.decode()
    start = html.index('id="translation-status-section"')
    panel = html[start : html.index("</section>", start)]
    found = re.findall(r'href="/admin/editorial/translations/\?state=(\w+)">[^<]+</a>: <strong>(\d+)</strong>', panel)
    return {state: int(count) for state, count in found}


def review_panel_titles(client: Client) -> list[str]:
    """The titles listed in the approver's "awaiting your review" panel (none: no panel)."""
    html = client.get("/admin/").content.decode()
    if 'id="translations-awaiting-review-section"' not in html:
        return []
    start = html.index('id="translations-awaiting-review-section"')
    panel = html[start : html.index("</section>", start)]
    return re.findall(r'<a href="/admin/editorial/translations/\d+/review/">([^<]+)</a>', panel)


def translation_of(page) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("en"))


def translate_all(client: Client, page, english: dict[str, str]) -> None:
    """The translator types the English of every segment not translated yet, in the translation editor's API."""
    translation = translation_of(page)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in english:
            response = client.put(
                f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
                data=urlencode({"value": english[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in {200, 201}, response.content
