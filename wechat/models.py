"""What was imported from the Official Account, so that importing an article again updates its page."""

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class WeChatArticleImport(models.Model):
    """
    One article of a published WeChat message and the draft page it became. A message (one `article_id`) can
    hold several articles; `position` is the article's place in it, from 1 (WeChat's `idx`).
    """

    article_id = models.CharField(pgettext_lazy("wechat", "WeChat article id"), max_length=128)
    position = models.PositiveSmallIntegerField(pgettext_lazy("wechat", "position in the message"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=pgettext_lazy("wechat", "page"),
        null=True,
        blank=True,
        # An editor may delete the page; importing the article again then makes a new draft.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=pgettext_lazy("wechat", "image collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(pgettext_lazy("wechat", "title on WeChat"), max_length=255)
    wechat_url = models.URLField(pgettext_lazy("wechat", "WeChat link"), max_length=1000, blank=True)
    update_time = models.DateTimeField(pgettext_lazy("wechat", "updated on WeChat"), null=True, blank=True)
    imported_at = models.DateTimeField(pgettext_lazy("wechat", "last imported"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("wechat", "imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("wechat", "imported WeChat article")
        verbose_name_plural = pgettext_lazy("wechat", "imported WeChat articles")
        constraints = [
            models.UniqueConstraint(fields=["article_id", "position"], name="wechat_import_article_position"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.article_id}#{self.position})"
