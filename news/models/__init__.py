"""The news app's models, one concern per module."""

from .categories import ArticleCategory, Category, SectionCategory
from .event_parties import EventContact, EventOrganiser
from .events import AgendaItemBlock, EventPage
from .pages import ArticlePage, SectionPage
from .registrations import Registration, SeatCounter

__all__ = [
    "AgendaItemBlock",
    "ArticleCategory",
    "ArticlePage",
    "Category",
    "EventContact",
    "EventOrganiser",
    "EventPage",
    "Registration",
    "SeatCounter",
    "SectionCategory",
    "SectionPage",
]
