"""The membership app's models, one concern per module."""

from .applications import ApplicationEvent, MembershipApplication
from .pages import MemberDirectoryPage, MembershipPage
from .reference import Industry, MemberGrade, MemberUnit

__all__ = [
    "ApplicationEvent",
    "Industry",
    "MemberDirectoryPage",
    "MemberGrade",
    "MemberUnit",
    "MembershipApplication",
    "MembershipPage",
]
