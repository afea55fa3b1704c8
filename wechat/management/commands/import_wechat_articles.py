"""`manage.py import_wechat_articles`: the Official Account's published articles as Chinese drafts."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import pgettext

from news.models import SectionPage
from wechat import credentials
from wechat.api import WeChatUnavailable, configured
from wechat.importer import PublishedArticle, WeChatImporter, all_published_articles


class Command(BaseCommand):
    help = (
        "Import articles published on the WeChat Official Account as Chinese drafts in a section: every article "
        "(--all) or the given ones (ARTICLE_ID, or ARTICLE_ID:POSITION for one article of a message). Importing "
        "again updates the drafts. --dry-run only lists the published articles and what would happen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("articles", nargs="*", metavar="ARTICLE_ID[:POSITION]")
        parser.add_argument("--section", help="slug of the Chinese section to import into, e.g. news")
        parser.add_argument("--all", action="store_true", help="every published article")
        parser.add_argument("--dry-run", action="store_true", help="list the articles; import nothing")
        parser.add_argument("--user", help="user name recorded as the drafts' author in the page history")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES])

    def handle(self, *args, **options) -> None:
        if not configured():
            raise CommandError("WeChat is not configured: set WECHAT_APP_ID and WECHAT_APP_SECRET.")
        with translation.override(options["language"]):
            self.run(options)

    def run(self, options: dict) -> None:
        chosen = self.chosen(options)
        try:
            published = list(all_published_articles())
        except (WeChatUnavailable, credentials.CredentialsUnavailable) as error:
            raise CommandError(f"WeChat did not list the articles: {error}") from error
        if options["dry_run"]:
            self.show_listing(published, chosen)
            return
        section = self.section(options["section"])
        user = self.user(options["user"])
        wanted = [article for article in published if chosen is None or self.matches(article, chosen)]
        known = {article.article_id for article in published}
        unknown = sorted({article_id for article_id, _position in chosen or []} - known)
        importer = WeChatImporter(section, user=user)
        failures = 0
        for article_id in dict.fromkeys(article.article_id for article in wanted):
            positions = {a.position for a in wanted if a.article_id == article_id}
            update_time = next(a.update_time for a in wanted if a.article_id == article_id)
            for outcome in importer.import_message(article_id, positions, update_time):
                failures += outcome.status == "failed"
                style = {"failed": self.style.ERROR, "deleted": self.style.WARNING}.get(outcome.status, str)
                label = f"[{outcome.status}] {outcome.article_id}:{outcome.position}"
                self.stdout.write(style(f"{label} {outcome.message}"))
                left_out = pgettext("wechat", "left out:")
                for note in outcome.notes:
                    self.stdout.write(f"    {left_out} {note}")
        for article_id in unknown:
            failures += 1
            message = pgettext("wechat", "%(id)s is not among the published articles.") % {"id": article_id}
            self.stdout.write(self.style.ERROR(f"[failed] {message}"))
        if failures:
            raise CommandError(f"{failures} article(s) not imported (see above).")

    @staticmethod
    def chosen(options: dict) -> list[tuple[str, int | None]] | None:
        if options["all"] == bool(options["articles"]):
            raise CommandError("Give either --all or article ids (ARTICLE_ID or ARTICLE_ID:POSITION).")
        if options["all"]:
            return None
        chosen = []
        for value in options["articles"]:
            article_id, _sep, position = value.partition(":")
            if position and not position.isdigit():
                raise CommandError(f"Not ARTICLE_ID[:POSITION]: {value}")
            chosen.append((article_id, int(position) if position else None))
        return chosen

    @staticmethod
    def matches(article: PublishedArticle, chosen: list[tuple[str, int | None]]) -> bool:
        return any(article.article_id == a and position in (None, article.position) for a, position in chosen)

    def show_listing(self, published: list[PublishedArticle], chosen) -> None:
        for article in published:
            if chosen is not None and not self.matches(article, chosen):
                continue
            if article.is_deleted:
                state = pgettext("wechat", "deleted on WeChat")
            elif article.record and article.record.page_id:
                state = pgettext("wechat", "imported (page %(id)s): would be updated") % {"id": article.record.page_id}
            else:
                state = pgettext("wechat", "new: would be imported")
            when = article.update_time.strftime("%Y-%m-%d") if article.update_time else "-"
            self.stdout.write(f"{article.key}\t{when}\t{article.title}\t{state}")

    @staticmethod
    def section(slug: str | None) -> SectionPage:
        if not slug:
            raise CommandError("--section is required (the slug of a Chinese section, e.g. news).")
        section = SectionPage.objects.filter(slug=slug, locale__language_code=settings.LANGUAGE_CODE).first()
        if section is None:
            raise CommandError(f"No Chinese section with the slug {slug!r}.")
        return section

    @staticmethod
    def user(username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user
