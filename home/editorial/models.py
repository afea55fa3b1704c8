"""
Where a translation stands in its review: marked ready by its translator, sent back with a comment, or published.

wagtail-localize knows translations and their segments but not their review: its editor has no "ready for
review" and no workflow. One row per translation (wagtail-localize's Translation) holds the latest turn of the
loop; the history of turns is in the target page's log (home.editorial.translation_review).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class TranslationReview(models.Model):
    READY = "ready"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    STATUS_CHOICES = [
        (READY, pgettext_lazy("translation review status", "Ready for review")),
        (CHANGES_REQUESTED, pgettext_lazy("translation review status", "Changes requested")),
        (PUBLISHED, pgettext_lazy("translation review status", "Published")),
    ]

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="cdats_review",
        verbose_name=pgettext_lazy("translation review", "translation"),
    )
    status = models.CharField(pgettext_lazy("translation review", "status"), max_length=20, choices=STATUS_CHOICES)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("translation review", "translator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ready_at = models.DateTimeField(pgettext_lazy("translation review", "marked ready at"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("translation review", "reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(pgettext_lazy("translation review", "reviewed at"), null=True, blank=True)
    comment = models.TextField(pgettext_lazy("translation review", "reviewer's comment"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("translation review", "translation review")
        verbose_name_plural = pgettext_lazy("translation review", "translation reviews")

    def __str__(self) -> str:
        return f"{self.translation_id}: {self.status}"
