"""Member units, industries and grades show in the directory, its filters, search and the sitemap."""

from home.caching import html_cache, invalidation

from .models import Industry, MemberGrade, MemberUnit
from .models.pages import MEMBERS_DEPENDENCY

invalidation.add_topic("member-directory")
invalidation.register("member-directory", dependencies=[MEMBERS_DEPENDENCY, html_cache.SITEMAP])
for model in (MemberUnit, Industry, MemberGrade):
    invalidation.watch(model, "member-directory")
