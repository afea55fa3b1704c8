"""
Possible duplicates of an application: the same company already a member, or already applying.

Matched on the registration identity, not on the name (names are typed in many ways): the unified
social credit code for a mainland company, the country and registration number for one abroad.
"""

from django.db.models import Q

from .models.applications import MembershipApplication

Status = MembershipApplication.Status
# A member (approved) or an application still in review; a rejected one may apply again.
MATCHING_STATUSES = (Status.SUBMITTED, Status.INFO_REQUESTED, Status.APPROVED)


def identity_q(application: MembershipApplication) -> Q | None:
    """The lookup of the same registration identity, or None when the application gives none."""
    if application.uscc.strip():
        return Q(uscc__iexact=application.uscc.strip())
    if application.registration_number.strip():
        return Q(
            registration_number__iexact=application.registration_number.strip(),
            country__iexact=application.country.strip(),
        )
    return None


def possible_duplicates(application: MembershipApplication) -> list[MembershipApplication]:
    """Other applications with the same identity that are members or still open, oldest first."""
    same_identity = identity_q(application)
    if same_identity is None:
        return []
    return list(
        MembershipApplication.objects.filter(same_identity, status__in=MATCHING_STATUSES)
        .exclude(pk=application.pk)
        .select_related("member_unit")
        .order_by("created_at", "id")
    )
