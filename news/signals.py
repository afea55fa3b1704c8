"""Categories show in listings (tags, filters) and in the main menu's drop-downs: announce their changes."""

from home.caching import invalidation

from .models import Category, SectionCategory

invalidation.watch(Category, "category")
# Saved with its section page; an article's own categories (ArticleCategory) are part of the article's publish.
invalidation.watch(SectionCategory, "category")
