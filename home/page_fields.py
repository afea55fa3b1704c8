"""Shared wagtail-localize field settings for page models."""

from wagtail_localize.fields import SynchronizedField

# One ASCII slug for both trees: menus and links find a page by its slug in either language, and
# translating into zh-hans would otherwise strip Chinese characters from the slug.
SYNCHRONISED_SLUG = [SynchronizedField("slug")]
