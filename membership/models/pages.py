"""Membership pages: the application page (申请入会) and the member directory (会员单位)."""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model

from home.caching import html_cache, invalidation, presence
from home.caching.routing import language_codes_by_locale_id
from home.page_base import IntroBodyPage
from home.pagination import paginate
from home.privacy import privacy_policy

from .reference import Industry, MemberGrade, MemberUnit

# Cached directory pages depend on this name; membership/signals.py bumps it when members change.
MEMBERS_DEPENDENCY = "member-directory"
invalidation.add_topic("member-directory")
DIRECTORY_PAGE_SIZE = 20
LOGO_FILTER = "max-160x80"


class MembershipPage(IntroBodyPage):
    """申请入会 / Join: how membership works and the online application form."""

    template = "membership/membership_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("membership page")
        verbose_name_plural = _("membership pages")

    def serve(self, request, *args, **kwargs):
        """
        The page with the application form, which membership.views.serve_membership_page hands in as `form`
        (blank, or bound and refused): the forms and the application pipeline sit above the models.
        """
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)  # the form carries per-visit tokens
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "application_form": kwargs.get("form"),
                "privacy_policy": privacy_policy(self.locale_id, request),
                "received": request.GET.get("received") == "1",
            }
        )
        return context


class MemberDirectoryPage(RoutablePageMixin, IntroBodyPage):
    """会员单位 / Member organisations: published member units, filterable, with a page per member."""

    template = "membership/member_directory_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member directory page")
        verbose_name_plural = _("member directory pages")

    @staticmethod
    def members():
        logos = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
        return (
            MemberUnit.objects.filter(published=True)
            .select_related("industry", "grade")
            .prefetch_related(Prefetch("logo", queryset=logos))
        )

    def listing_is_empty(self, query: str = "") -> bool:
        """No member is listed yet: the menus leave the directory out until the first one is published."""
        snapshot = DIRECTORY_FACTS.get(language_codes_by_locale_id().get(self.locale_id, settings.LANGUAGE_CODE))
        return not (snapshot and snapshot.facts)

    @path("")
    def directory(self, request):
        html_cache.depend_on(request, MEMBERS_DEPENDENCY)
        members = self.members()
        industry = request.GET.get("industry", "")
        grade = request.GET.get("grade", "")
        query = " ".join(request.GET.get("q", "").split())[:100].replace("\x00", "")
        if industry:
            members = members.filter(industry__slug=industry)
        if grade:
            members = members.filter(grade__slug=grade)
        if query:
            members = members.filter(
                Q(name_zh_hans__icontains=query)
                | Q(name_en__icontains=query)
                | Q(short_name_zh_hans__icontains=query)
                | Q(short_name_en__icontains=query)
            )
        return self.render(
            request,
            context_overrides={
                "members": paginate(members, request.GET.get("page"), DIRECTORY_PAGE_SIZE),
                "industries": list(Industry.objects.all()),
                "grades": list(MemberGrade.objects.all()),
                "has_members": not self.listing_is_empty(),
                "active_industry": industry,
                "active_grade": grade,
                "query": query,
            },
        )

    @path("<int:member_id>/")
    def member_detail(self, request, member_id: int):
        html_cache.depend_on(request, MEMBERS_DEPENDENCY)
        member = self.members().filter(pk=member_id).first()
        if member is None:
            raise Http404
        return self.render(
            request,
            template="membership/member_unit_detail.html",
            # The member's own canonical URL, alternates and language switch (home's seo tags).
            context_overrides={
                "member": member,
                "route_path": self.reverse_subpage("member_detail", args=[member.pk]),
            },
        )


def _directory_facts(language: str) -> presence.Snapshot:
    """Whether any member is listed: the same directory in every language."""
    return presence.Snapshot(MemberUnit.objects.filter(published=True).exists())


DIRECTORY_FACTS = presence.Facts("members:published:{language}", _directory_facts, topics=("member-directory",))
