"""
Importing the Official Account's published articles as Chinese draft articles (news.ArticlePage).

Each article is imported on its own and all or nothing: its HTML is converted and every image downloaded and
checked first; only then are the images stored (in a collection of the article's own) and the page saved, in
one transaction. If anything fails the transaction is rolled back, the image files already written are
deleted, and the article's outcome says why, in the user's language. An article imported before is updated
(a new revision of its page, wherever an editor has moved it) rather than imported twice: it is known by
WeChat's article id and its position in the message (WeChatArticleImport). An article deleted on WeChat is
reported and its page left alone: the site never removes what editors have.
"""

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import pgettext

from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText

from news.models import ArticlePage, SectionPage

from . import credentials
from .api import WeChatClient, WeChatUnavailable
from .html_blocks import Conversion, MalformedArticle, clean_url, convert
from .images import DownloadedImage, ImageRejected, download
from .models import WeChatArticleImport

logger = logging.getLogger(__name__)

COLLECTION_NAME = "微信公众号"
SOURCE_PREFIX = "微信公众号"
# WeChat's article URL: these identify the article; everything else in it may go if it is too long.
ESSENTIAL_URL_PARAMETERS = ("__biz", "mid", "idx", "sn")
SOURCE_URL_MAX_LENGTH = ArticlePage._meta.get_field("source_url").max_length


@dataclass
class PublishedArticle:
    """One article of a published message, as WeChat lists it (the content only when asked for)."""

    article_id: str
    position: int
    update_time: datetime | None
    title: str
    author: str = ""
    digest: str = ""
    url: str = ""
    is_deleted: bool = False
    record: WeChatArticleImport | None = None

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.position}"


@dataclass
class Outcome:
    """What happened to one article; `message` is in the active language."""

    article_id: str
    position: int
    title: str
    status: str  # created, updated, deleted, failed
    message: str
    page: Page | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.status in ("created", "updated")


def update_time_of(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def articles_of(message: dict, records: dict[tuple[str, int], WeChatArticleImport]) -> list[PublishedArticle]:
    article_id = str(message.get("article_id") or "")
    update_time = update_time_of(message.get("update_time"))
    items = ((message.get("content") or {}).get("news_item")) or []
    return [
        PublishedArticle(
            article_id=article_id,
            position=position,
            update_time=update_time,
            title=str(item.get("title") or "").strip(),
            author=str(item.get("author") or "").strip(),
            digest=str(item.get("digest") or "").strip(),
            url=str(item.get("url") or ""),
            is_deleted=bool(item.get("is_deleted")),
            record=records.get((article_id, position)),
        )
        for position, item in enumerate(items, start=1)
    ]


def published_articles(offset: int = 0, count: int = 20, client: WeChatClient | None = None):
    """One page of the account's published articles (newest first) and the total number of messages."""
    client = client or WeChatClient()
    page = credentials.with_access_token(lambda token: client.published_page(token, offset, count), client)
    messages = page.get("item") or []
    ids = {str(message.get("article_id") or "") for message in messages}
    records = {
        (record.article_id, record.position): record
        for record in WeChatArticleImport.objects.filter(article_id__in=ids).select_related("page")
    }
    articles = [article for message in messages for article in articles_of(message, records)]
    return articles, int(page.get("total_count") or 0)


def all_published_articles(client: WeChatClient | None = None) -> Iterator[PublishedArticle]:
    client = client or WeChatClient()
    offset = 0
    while True:
        articles, total = published_articles(offset, client=client)
        yield from articles
        offset += 20
        if offset >= total or not articles:
            return


def source_url(url: str) -> str:
    """The article's WeChat address, without tracking parameters, short enough for the source link field."""
    url = clean_url(url)
    if len(url) > SOURCE_URL_MAX_LENGTH:
        parts = url.split("?", 1)
        query = "&".join(
            pair
            for pair in (parts[1].split("&") if len(parts) > 1 else [])
            if pair.split("=")[0] in ESSENTIAL_URL_PARAMETERS
        )
        url = f"{parts[0]}?{query}" if query else parts[0]
    return url if len(url) <= SOURCE_URL_MAX_LENGTH else ""


def account_name(section: Page) -> str:
    """The Official Account's name from the site settings (looked up by label: the base may reorganise)."""
    site_settings = apps.get_model("home", "SiteSettings").for_site(section.get_site())
    return (
        getattr(site_settings, "wechat_account_name_zh_hans", "") or site_settings.wechat_account_name or ""
    ).strip()


def source_name(section: Page) -> str:
    name = account_name(section)
    return f"{SOURCE_PREFIX} · {name}" if name else SOURCE_PREFIX


class WeChatImporter:
    """Imports articles under one Chinese section, as `user` (None: the command line, any permission)."""

    def __init__(self, section: SectionPage, user=None, client: WeChatClient | None = None):
        self.section = section
        self.user = user
        self.client = client or WeChatClient()
        self.image_hosts = set(settings.WECHAT_IMAGE_HOSTS)

    # -- messages ---------------------------------------------------------------------------------
    def import_message(
        self, article_id: str, positions: set[int] | None = None, update_time: datetime | None = None
    ) -> list[Outcome]:
        """The chosen articles (positions from 1; None: all) of one published message."""
        try:
            items = credentials.with_access_token(
                lambda token: self.client.published_message(token, article_id), self.client
            )
        except (WeChatUnavailable, credentials.CredentialsUnavailable) as error:
            reason = pgettext("wechat", "WeChat did not give the article (%(error)s).") % {"error": error}
            chosen = sorted(positions) if positions else [1]
            return [self.failed(article_id, position, "", reason) for position in chosen]
        outcomes = []
        for position, item in enumerate(items, start=1):
            if positions is None or position in positions:
                outcomes.append(self.import_article(article_id, position, item, update_time))
        for missing in sorted((positions or set()) - set(range(1, len(items) + 1))):
            reason = pgettext("wechat", "the message has no article at this position.")
            outcomes.append(self.failed(article_id, missing, "", reason))
        return outcomes

    # -- one article ------------------------------------------------------------------------------
    def import_article(self, article_id: str, position: int, item: dict, update_time: datetime | None) -> Outcome:
        title = str(item.get("title") or "").strip()[:255]
        record = WeChatArticleImport.objects.filter(article_id=article_id, position=position).first()
        existing = record.page.specific if record and record.page_id else None
        if item.get("is_deleted"):
            return self.deleted(article_id, position, title, existing)
        if existing is not None and self.user is not None:
            permissions = existing.permissions_for_user(self.user)
            if not permissions.can_edit() or permissions.page_locked():
                reason = pgettext("wechat", "you may not edit the page it was imported into.")
                return self.failed(article_id, position, title, reason)
        try:
            if not title:
                raise MalformedArticle("no title")
            conversion = convert(item.get("content"), self.image_hosts)
            downloads = self.download_images(conversion, str(item.get("thumb_url") or ""))
        except MalformedArticle as error:
            reason = pgettext("wechat", "its content could not be converted (%(error)s).") % {"error": error}
            return self.failed(article_id, position, title, reason)
        except ImageRejected as error:
            reason = pgettext("wechat", "an image could not be downloaded or is not a valid image (%(error)s).") % {
                "error": error
            }
            return self.failed(article_id, position, title, reason)
        written: list[str] = []
        try:
            with transaction.atomic():
                page, created = self.save(
                    article_id, position, item, title, update_time, conversion, downloads, record, existing, written
                )
        except Exception as error:
            logger.exception("WeChat import of %s#%s failed", article_id, position)
            self.delete_files(written)
            reason = pgettext("wechat", "it could not be saved (%(error)s).") % {"error": error}
            return self.failed(article_id, position, title, reason)
        notes = sorted(set(conversion.dropped))
        if created:
            message = pgettext("wechat", "“%(title)s”: imported as a Chinese draft in %(section)s.")
        else:
            message = pgettext("wechat", "“%(title)s”: its draft was updated (a new revision).")
        message %= {"title": title, "section": self.section.title}
        return Outcome(article_id, position, title, "created" if created else "updated", message, page, notes)

    def download_images(self, conversion: Conversion, thumb_url: str) -> dict[str, DownloadedImage]:
        """Every image of the article (its cover included), downloaded and checked before anything is stored."""
        urls = [image.url for image in conversion.images]
        if thumb_url:
            urls.append(thumb_url)
        downloads = {}
        for url in urls:
            if url not in downloads:
                downloads[url] = download(url)
        return downloads

    def save(self, article_id, position, item, title, update_time, conversion, downloads, record, existing, written):
        collection = self.collection(record, title, article_id, position)
        images, stored = {}, {}
        for number, (url, downloaded) in enumerate(downloads.items(), start=1):
            is_cover = url == item.get("thumb_url") and url not in {image.url for image in conversion.images}
            label = "封面" if is_cover else f"图{number}"
            caption = next((image.caption for image in conversion.images if image.url == url and image.caption), "")
            if downloaded.sha1 not in stored:
                stored[downloaded.sha1] = self.store_image(
                    downloaded, collection, f"{title}（{label}）", caption, written
                )
            images[url] = stored[downloaded.sha1]
        fields = {
            "title": title,
            "summary": str(item.get("digest") or "").strip(),
            "author": str(item.get("author") or "").strip()[:255],
            "date": timezone.localtime(update_time).date() if update_time else timezone.localdate(),
            "body": self.body(conversion, images, str(item.get("content_source_url") or "")),
            "source_name": source_name(self.section),
            "source_url": source_url(str(item.get("url") or "")),
            "cover_image": images.get(str(item.get("thumb_url") or "")),
        }
        if existing is None:
            page = ArticlePage(locale=self.section.locale, live=False, owner=self.user, **fields)
            self.section.add_child(instance=page)
            page.save_revision(user=self.user, log_action="wagtail.create")
            created = True
        else:
            page = existing.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
            page.save_revision(user=self.user, log_action=True)
            created = False
        WeChatArticleImport.objects.update_or_create(
            article_id=article_id,
            position=position,
            defaults={
                "page": page,
                "collection": collection,
                "title": title,
                "wechat_url": clean_url(str(item.get("url") or ""))[:1000],
                "update_time": update_time,
                "imported_by": self.user,
            },
        )
        return page, created

    def collection(self, record, title: str, article_id: str, position: int) -> Collection:
        """The article's own collection (reused on re-import), under one “微信公众号” collection."""
        if record is not None and record.collection_id:
            return record.collection
        root = Collection.get_first_root_node()
        parent = root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(name=COLLECTION_NAME)
        return parent.add_child(name=f"{title[:150]}（{article_id[:64]}-{position}）")

    def store_image(self, downloaded: DownloadedImage, collection, title: str, caption: str, written: list[str]):
        """An image of the library; one already in the article's collection with the same bytes is reused."""
        image_model = get_image_model()
        existing = image_model.objects.filter(collection=collection, file_hash=downloaded.sha1).first()
        if existing is not None:
            return existing
        image = image_model(
            title=title[:255],
            description=caption[:255],
            collection=collection,
            uploaded_by_user=self.user,
            file=ImageFile(io.BytesIO(downloaded.data), name=f"wechat-{downloaded.sha1[:16]}.{downloaded.extension}"),
            file_size=len(downloaded.data),
            file_hash=downloaded.sha1,
        )
        try:
            image.save()
        finally:
            # Written to storage before the row: deleted again if the article's transaction fails.
            if image.file._committed and image.file.name:
                written.append(image.file.name)
        return image

    @staticmethod
    def delete_files(names: list[str]) -> None:
        storage = get_image_model()._meta.get_field("file").storage
        for name in names:
            try:
                storage.delete(name)
            except Exception:
                logger.warning("Could not delete %s after a failed WeChat import", name, exc_info=True)

    @staticmethod
    def body(conversion: Conversion, images: dict, original_link: str) -> list[tuple[str, object]]:
        blocks = []
        for kind, value in conversion.blocks:
            if kind == "image":
                caption = value.caption[:255]
                blocks.append(
                    ("image", {"image": images[value.url], "caption": caption, "alt_text": value.alt or caption})
                )
            elif kind == "table":
                blocks.append(("table", value.block_value()))
            elif kind == "quote":
                blocks.append(("quote", {"text": value, "attribution": ""}))
            elif kind == "paragraph":
                blocks.append(("paragraph", RichText(value)))
            else:
                blocks.append((kind, value[:255]))
        link = clean_url(original_link)
        if link.startswith(("http://", "https://")):
            blocks.append(("paragraph", RichText(format_html('<p><a href="{}">阅读原文</a></p>', link))))
        return blocks

    # -- outcomes ---------------------------------------------------------------------------------
    def deleted(self, article_id: str, position: int, title: str, existing: Page | None) -> Outcome:
        if existing is not None:
            message = pgettext(
                "wechat",
                "“%(title)s” was deleted on WeChat. Its page on this site is kept; remove it there if need be.",
            )
        else:
            message = pgettext("wechat", "“%(title)s” was deleted on WeChat; nothing was imported.")
        return Outcome(article_id, position, title, "deleted", message % {"title": title or article_id}, existing)

    @staticmethod
    def failed(article_id: str, position: int, title: str, reason: str) -> Outcome:
        label = title or f"{article_id} #{position}"
        message = pgettext("wechat", "“%(title)s” was not imported: %(reason)s") % {"title": label, "reason": reason}
        return Outcome(article_id, position, title, "failed", message)
