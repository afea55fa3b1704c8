"""
Who may translate what: the checks wagtail-localize's submit and sync views leave out.

wagtail-localize checks only the global "submit translation" permission, so an editor of one section
could create English drafts of another's pages. Here a user may translate a page into a locale when
they may edit it there — edit the existing translation, or add pages under the translated parent —
and, in the source tree, may edit the page or may edit the whole destination tree (a translator).
"""

from wagtail.models import Locale, Page
from wagtail.snippets.permissions import user_can_edit_snippet_type


def destination_parent(page: Page, locale: Locale) -> Page | None:
    """The nearest ancestor of `page` translated into `locale` (submitting copies the missing parents)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).reverse():
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return None


def may_edit_destination(user, page: Page, locale: Locale) -> bool:
    target = page.get_translation_or_none(locale)
    if target is not None and not target.alias_of_id:
        return target.permissions_for_user(user).can_edit()
    parent = destination_parent(page, locale)
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


def edits_whole_tree(user, locale: Locale) -> bool:
    """A translator: may edit the root page of the locale's tree (and so every page in it)."""
    root = Page.objects.filter(depth=2, locale=locale).first()
    return root is not None and root.permissions_for_user(user).can_edit()


def may_translate_page(user, page: Page, locale: Locale) -> bool:
    if user.is_superuser:
        return True
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if not (page.permissions_for_user(user).can_edit() or edits_whole_tree(user, locale)):
        return False
    return may_edit_destination(user, page, locale)


def may_translate_snippet(user, instance) -> bool:
    return user.is_superuser or (
        user.has_perm("wagtail_localize.submit_translation") and user_can_edit_snippet_type(user, type(instance))
    )


def may_translate(user, instance, locale: Locale) -> bool:
    if isinstance(instance, Page):
        return may_translate_page(user, instance.specific, locale)
    return may_translate_snippet(user, instance)


def may_publish_translation(user, target) -> bool:
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_publish()
    return user.is_superuser or user_can_edit_snippet_type(user, type(target))
