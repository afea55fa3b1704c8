"""
The admin's import screen (`/admin/wechat/import/`): the Official Account's published articles, a tick box per
article and a section; the ticked ones become Chinese drafts in that section (wechat.importer).

For anyone who may add pages to at least one Chinese section (the section editors' groups, administrators);
the section list offers only those sections. Each article's outcome is one message in the user's language.
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import pgettext

from wagtail.admin import messages

from news.models import ArticlePage, SectionPage

from . import credentials
from .api import MAX_PAGE_SIZE, WeChatUnavailable, configured
from .importer import WeChatImporter, published_articles, update_time_of

# One listed page at a time: the import runs in the request (each article downloads its images).
MAX_ARTICLES_PER_IMPORT = MAX_PAGE_SIZE


def sections_for(user) -> list[SectionPage]:
    """The Chinese sections where `user` may add an article."""
    sections = SectionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
    return [
        section
        for section in sections
        if ArticlePage.can_create_at(section) and section.permissions_for_user(user).can_add_subpage()
    ]


def parse_choice(value: str) -> tuple[str, int, int | None] | None:
    """A tick box's value, `article_id:position:update_time`, or None when it is not one."""
    article_id, _sep, rest = value.rpartition(":")
    article_id, _sep, position = article_id.rpartition(":")
    if not article_id or not position.isdigit() or not 1 <= int(position) <= 8:
        return None
    return article_id, int(position), int(rest) if rest.isdigit() else None


def _offset(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def import_articles(request):
    sections = sections_for(request.user)
    if not sections:
        raise PermissionDenied
    offset = _offset(request.GET.get("offset"))
    if request.method == "POST" and configured():
        return _import_chosen(request, sections, offset)
    context = {"configured": configured(), "sections": sections, "offset": offset, "articles": [], "error": ""}
    if configured():
        try:
            context["articles"], total = published_articles(offset)
        except (WeChatUnavailable, credentials.CredentialsUnavailable) as error:
            context["error"] = pgettext("wechat", "WeChat did not list the articles: %(error)s") % {"error": error}
            total = 0
        context["total"] = total
        context["previous_offset"] = max(offset - MAX_PAGE_SIZE, 0) if offset else None
        context["next_offset"] = offset + MAX_PAGE_SIZE if offset + MAX_PAGE_SIZE < total else None
    return TemplateResponse(request, "wechat/admin/import.html", context)


def _import_chosen(request, sections: list[SectionPage], offset: int):
    back = f"{reverse('wechat_import')}?offset={offset}"
    section = next((s for s in sections if str(s.pk) == request.POST.get("section")), None)
    if section is None:
        messages.error(request, pgettext("wechat", "Choose a section you may add articles to."))
        return redirect(back)
    chosen = [choice for choice in map(parse_choice, request.POST.getlist("articles")) if choice]
    if not chosen:
        messages.warning(request, pgettext("wechat", "Tick the articles to import."))
        return redirect(back)
    if len(chosen) > MAX_ARTICLES_PER_IMPORT:
        messages.error(
            request,
            pgettext("wechat", "At most %(count)s articles at a time.") % {"count": MAX_ARTICLES_PER_IMPORT},
        )
        return redirect(back)
    messages_by_id: dict[str, set[int]] = defaultdict(set)
    update_times: dict[str, int | None] = {}
    for article_id, position, update_time in chosen:
        messages_by_id[article_id].add(position)
        update_times[article_id] = update_time
    importer = WeChatImporter(section, user=request.user)
    for article_id, positions in messages_by_id.items():
        for outcome in importer.import_message(article_id, positions, update_time_of(update_times[article_id])):
            report(request, outcome)
    return redirect(back)


def report(request, outcome) -> None:
    buttons = []
    if outcome.page is not None:
        buttons.append(
            messages.button(reverse("wagtailadmin_pages:edit", args=[outcome.page.pk]), pgettext("wechat", "Edit"))
        )
    if outcome.succeeded:
        messages.success(request, outcome.message, buttons=buttons)
    elif outcome.status == "deleted":
        messages.warning(request, outcome.message, buttons=buttons)
    else:
        messages.error(request, outcome.message)
