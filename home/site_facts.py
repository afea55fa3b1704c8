"""
Facts a page states from the software rather than from an editor's text (the privacy policy's facts).

An editor places a fact block in a body; it renders sentences from the site settings and from what the
software does, so the policy never says what nobody configured: where the data is hosted (a site setting;
the sentence is left out while it is empty), who can see submitted data (the admin groups holding the
apps' personal-data permissions, read from the database), and how to ask for a copy or deletion (the
Secretariat's e-mail address). The blocks have no fields: nothing to translate, the text is gettext.

Apps say which of their data is personal with the `register_personal_data` hook, returning a list of
`PersonalData`, so the base names none of their models. A new fact (the retention periods, say) is one
more `SiteFactBlock` subclass with its template in `templates/blocks/site_facts/`, listed in `BodyBlock`.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks

from home.editorial.roles import role_name

PERSONAL_DATA_HOOK = "register_personal_data"


@dataclass(frozen=True)
class PersonalData:
    """A kind of personal data an app stores, and the permission that lets staff see it in the admin."""

    description: str  # e.g. _("membership applications")
    permission: str  # "app_label.codename"


def personal_data_kinds() -> list[PersonalData]:
    return [kind for register in hooks.get_hooks(PERSONAL_DATA_HOOK) for kind in register()]


def data_access() -> list[dict]:
    """Each kind of personal data with the names of the groups that may see it (one query)."""
    kinds = personal_data_kinds()
    if not kinds:
        return []
    wanted = Q()
    for kind in kinds:
        app_label, codename = kind.permission.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    groups: dict[str, list[str]] = {}
    rows = Permission.objects.filter(wanted).values_list("content_type__app_label", "codename", "group__name")
    for app_label, codename, group_name in rows.order_by("group__name"):
        if group_name:
            groups.setdefault(f"{app_label}.{codename}", []).append(group_name)
    return [{"description": kind.description, "groups": groups.get(kind.permission, [])} for kind in kinds]


def data_access_lines() -> list[str]:
    """“Membership applications: “Membership affairs”” in the active language, one line per kind of data."""
    lines = []
    for kind in data_access():
        # Group names are data, in both languages ("活动报名 · Event registrations"): the reader's half.
        names = pgettext("list separator", ", ").join(f"“{role_name(name)}”" for name in kind["groups"])
        names = names or gettext("administrators only")
        lines.append(
            gettext("%(data)s: group %(groups)s") % {"data": capfirst(str(kind["description"])), "groups": names}
        )
    return lines


class SiteFactBlock(blocks.StaticBlock):
    """A block without fields that renders a fact of the software (see the module docstring)."""

    class Meta:
        group = _("Facts from the site settings")
        admin_text = _("Written by the website from its settings; edit the site settings to change it.")


class HostingLocationBlock(SiteFactBlock):
    """Where the data is stored: the site setting, or nothing at all while it is empty."""

    class Meta:
        icon = "site"
        label = _("Hosting location")
        template = "blocks/site_facts/hosting_location.html"


class DataAccessBlock(SiteFactBlock):
    """Who can see submitted data: superusers and the groups with the apps' personal-data permissions."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lines"] = data_access_lines()
        return context

    class Meta:
        icon = "group"
        label = _("Who can see submitted data")
        template = "blocks/site_facts/data_access.html"


class DataRequestsBlock(SiteFactBlock):
    """How to ask for a copy, a correction or the deletion of one's data: the Secretariat's e-mail."""

    class Meta:
        icon = "mail"
        label = _("How to ask for a copy or deletion")
        template = "blocks/site_facts/data_requests.html"
