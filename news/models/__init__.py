"""The news app's models, one concern per module."""

from .categories import Category, SectionCategory
from .events import AgendaItemBlock, AttendanceMode, EventFormat, EventOrganiser, EventPage, RegistrationState
from .pages import LISTING_PAGE_SIZE, ArticleCategory, ArticlePage, SectionPage
from .registrations import Registration, SeatCounter

__all__ = [
    "LISTING_PAGE_SIZE",
    "AgendaItemBlock",
    "ArticleCategory",
    "ArticlePage",
    "AttendanceMode",
    "Category",
    "EventFormat",
    "EventOrganiser",
    "EventPage",
    "Registration",
    "RegistrationState",
    "SeatCounter",
    "SectionCategory",
    "SectionPage",
]
