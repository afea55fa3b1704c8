"""The news app's models, one concern per module."""

from .categories import ArticleCategory, Category, SectionCategory
from .events import AgendaItemBlock, EventOrganiser, EventPage
from .pages import ArticlePage, SectionPage
from .registrations import Registration, SeatCounter

__all__ = [
    "AgendaItemBlock",
    "ArticleCategory",
    "ArticlePage",
    "Category",
    "EventOrganiser",
    "EventPage",
    "Registration",
    "SeatCounter",
    "SectionCategory",
    "SectionPage",
]
