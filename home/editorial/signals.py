"""
Signal receivers of the editorial machinery, connected in HomeConfig.ready().

- Publishing a Chinese source refreshes its wagtail-localize TranslationSource at once: the status
  report shows its translations *out of date*, and the translation editor shows exactly the changed
  segments (the unchanged ones keep their English). The live English page is not touched.
- Every save of a live translation passes the publish guard (script_guard).
- A Chinese page made private (a password, staff only, some groups), or whose privacy changes, makes its
  translations private the same way at once: wagtail-localize copies privacy only when a translation is made or
  synchronised, so a page made private after being translated stayed public in English until then. Making the
  Chinese page public again leaves the translations private until an editor (or the next synchronisation) opens
  them: deleting a restriction never opens a page by itself (a Chinese page's deletion deletes its restriction).
- A new translation, and a segment new to a source, get the segments that need no translation copied in
  (prefill).
- A translated page going live closes its review (translation_review.close_on_publish).
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_save, pre_save

from wagtail.models import Page, PageViewRestriction, TranslatableMixin
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


def _translations_of_source(page: Page):
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return Page.objects.none()
    return page.get_translations().filter(alias_of__isnull=True)


def mirror_privacy(page: Page) -> None:
    """The source page's view restriction on each of its translations."""
    source = page.view_restrictions.first()
    if source is None:
        return
    for translation in _translations_of_source(page):
        mirrored = translation.view_restrictions.first() or PageViewRestriction(page=translation)
        mirrored.restriction_type, mirrored.password = source.restriction_type, source.password
        mirrored.save()
        mirrored.groups.set(source.groups.all())
        translation.view_restrictions.exclude(pk=mirrored.pk).delete()


def privacy_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).select_related("locale").first()
    if page is not None:
        mirror_privacy(page)


def privacy_groups_changed(sender, instance, action, **kwargs) -> None:
    if isinstance(instance, PageViewRestriction) and action in {"post_add", "post_remove", "post_clear"}:
        privacy_changed(sender, instance)


def connect() -> None:
    page_published.connect(source_page_published, dispatch_uid="editorial-sync-source-page")
    post_save.connect(source_snippet_saved, dispatch_uid="editorial-sync-source-snippet")
    pre_save.connect(refuse_chinese_on_publish, dispatch_uid="editorial-publish-guard")
    post_save.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="editorial-mirror-privacy")
    m2m_changed.connect(
        privacy_groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="editorial-mirror-groups"
    )
    post_save.connect(prefill.translation_created, sender=Translation, dispatch_uid="editorial-prefill-translation")
    post_save.connect(prefill.segment_created, sender=StringSegment, dispatch_uid="editorial-prefill-segment")
    page_published.connect(close_on_publish, dispatch_uid="editorial-close-review")
