"""
Signal receivers of the editorial machinery, connected in HomeConfig.ready().

- Publishing a Chinese source refreshes its wagtail-localize TranslationSource at once: the status
  report shows its translations *out of date*, and the translation editor shows exactly the changed
  segments (the unchanged ones keep their English). The live English page is not touched.
- Every save of a live translation passes the publish guard (script_guard).
- A new translation, and a segment new to a source, get the segments that need no translation copied in
  (prefill).
- A translated page going live closes its review (translation_review.close_on_publish).
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save

from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.editorial import prefill
from home.editorial.script_guard import refuse_chinese_on_publish
from home.editorial.translation_review import close_on_publish


def sync_translation_source(instance) -> None:
    """Refresh the object's TranslationSource, if it was ever submitted for translation."""
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    if TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).exists():
        TranslationSource.update_or_create_from_instance(instance)


def source_page_published(sender, instance, **kwargs) -> None:
    sync_translation_source(instance)


def source_snippet_saved(sender, instance, raw=False, **kwargs) -> None:
    # Snippets without drafts are "published" by every save; pages are handled on publish.
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    if hasattr(instance, "live") or sender not in get_snippet_models():
        return
    sync_translation_source(instance)


def connect() -> None:
    page_published.connect(source_page_published, dispatch_uid="editorial-sync-source-page")
    post_save.connect(source_snippet_saved, dispatch_uid="editorial-sync-source-snippet")
    pre_save.connect(refuse_chinese_on_publish, dispatch_uid="editorial-publish-guard")
    post_save.connect(prefill.translation_created, sender=Translation, dispatch_uid="editorial-prefill-translation")
    post_save.connect(prefill.segment_created, sender=StringSegment, dispatch_uid="editorial-prefill-segment")
    page_published.connect(close_on_publish, dispatch_uid="editorial-close-review")
