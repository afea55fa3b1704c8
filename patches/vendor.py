"""
What each vendor patch relies on, recorded when the patch was made, for tests/test_vendor_patches.py.

- COPIED_TEMPLATES: each vendor template we keep a changed copy of, with the SHA-256 of the vendor's original at
  the version the copy was made from. When an upgrade changes the original, the test fails: redo the copy from
  the new original (the README says what each copy changes) and record the new digest.
- PATCHED_CODE: vendor functions and classes our patches replace, subclass or shadow, with the SHA-256 of their
  source. A changed digest means: re-read the vendor's new code, check the patch still fits, record the digest.
- PRIVATE_ATTRIBUTES: private names of Django, Wagtail and modelsearch that our code reads, writes or overrides,
  each with the vendor module that must still define or use it.
"""

import hashlib
import inspect
from dataclasses import dataclass
from importlib import import_module, util
from pathlib import Path

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class CopiedTemplate:
    name: str  # the template name, as our copy overrides it
    vendor_app: str  # the package whose templates/ holds the original
    copied_from: str  # distribution and version the copy was made from
    original_sha256: str


@dataclass(frozen=True)
class PatchedCode:
    dotted_path: str
    source_sha256: str
    patched_by: str


@dataclass(frozen=True)
class PrivateAttribute:
    vendor_module: str
    name: str
    used_in: str


COPIED_TEMPLATES = (
    CopiedTemplate(
        "wagtailadmin/home.html",
        "wagtail.admin",
        "wagtail 7.4.4",
        "7eb3ee7b5a9d1355b79a97fdc4c6a9c8612821bb1cdccf24efdd7a36c827c17d",
    ),
    CopiedTemplate(
        "wagtailadmin/shared/side_panel_toggle.html",
        "wagtail.admin",
        "wagtail 7.4.4",
        "445a7f032ba7705a1b0576398d1581bd40623559a434fdc735d865e98f0faf4d",
    ),
    CopiedTemplate(
        "wagtailadmin/shared/headers/_actions.html",
        "wagtail.admin",
        "wagtail 7.4.4",
        "facea723b6b917627f718d47a945c79fabcb1cbc516983c66cb6801b6a9a1557",
    ),
    CopiedTemplate(
        "wagtailadmin/pages/listing/_page_title_column_header.html",
        "wagtail.admin",
        "wagtail 7.4.4",
        "6edca9f62c0dd8440e8193141d4c3d9319525f599cd56ff349668c4f7d9a9fa1",
    ),
    CopiedTemplate(
        "wagtailadmin/notifications/workflow_state_rejected.html",
        "wagtail.admin",
        "wagtail 7.4.4",
        "2df71d2564a9f1c7df9fb125efac31462f28dcef52c8b7512766cde73c991d42",
    ),
    CopiedTemplate(
        "wagtailadmin/notifications/workflow_state_rejected.txt",
        "wagtail.admin",
        "wagtail 7.4.4",
        "a0efe621987facbdb3640f56a5576fd9e02d783252f74dcaba8806f7f8a126f2",
    ),
    CopiedTemplate(
        "wagtailadmin/notifications/workflow_state_rejected_subject.txt",
        "wagtail.admin",
        "wagtail 7.4.4",
        "385b11f61a58fdb2caf59b827c45db2506165e345eaf73aeac2ba765ddf01fa2",
    ),
)

PATCHED_CODE = (
    # Wagtail's own method, as patches.admin_titles keeps it before replacing it.
    PatchedCode(
        "patches.admin_titles.wagtail_get_admin_display_title",
        "5bb982140d8fc57262f90fde77e45bca6f42d99a10a3171c441c44c8747fa96c",
        "patches/admin_titles.py",
    ),
    # Django's own method, as patches.user_names keeps it before replacing it.
    PatchedCode(
        "patches.user_names.django_get_full_name",
        "6a1c5839ad7c3346a9a0952785c87e3d0226b50af8f735a187acc705a4732524",
        "patches/user_names.py",
    ),
    PatchedCode(
        "wagtail.admin.forms.auth.LoginForm",
        "30ebc69fe56fa88afaf999f663ee72cc55e81fd4d27e74f76edb23f6958914db",
        "patches/login_form.py",
    ),
    PatchedCode(
        "wagtail_localize.views.submit_translations.SubmitTranslationView",
        "8c48a67a530a2012e647a0d185089dfa9817301706e5dc4531f2ea1eac3ecef5",
        "patches/localize_views.py",
    ),
    PatchedCode(
        "wagtail_localize.views.update_translations.UpdateTranslationsView",
        "845d4ef842085a9267b2f8cbb9d6d2a5939666711761f82e6648481c466a7b83",
        "patches/localize_views.py",
    ),
    PatchedCode(
        "wagtail_localize.views.edit_translation.download_pofile",
        "371c1269e5dd0ba9bd1fa83723a324cfad0420f26f36e8d09687c55458771e15",
        "patches/localize_views.py",
    ),
)

PRIVATE_ATTRIBUTES = (
    PrivateAttribute("django.http.request", "_get_raw_host", "home/caching/routing.py"),
    PrivateAttribute("django.http.request", "_mutable", "home/security/request_limits.py"),
    PrivateAttribute("django.core.handlers.wsgi", "_stream", "home/security/request_limits.py"),
    PrivateAttribute("django.core.management.base", "_out", "home/management/commands/populate_bulk.py"),
    PrivateAttribute("wagtail.models.sites", "_find_for_request", "home/caching/routing.py"),
    PrivateAttribute("wagtail.models.sites", "_wagtail_site", "home/caching/routing.py"),
    PrivateAttribute("wagtail.models.pages", "_wagtail_cached_site_root_paths", "home/caching/routing.py"),
    PrivateAttribute("wagtail.models.pages", "_wagtail_route_for_request", "home/caching/routing.py"),
    PrivateAttribute("wagtail.models.pages", "_slug_is_available", "home/editorial/pages.py"),
    PrivateAttribute("wagtail.models.pages", "_set_core_field_defaults", "home/editorial/pages.py"),
    PrivateAttribute("wagtail.contrib.settings.models", "_request", "home/models.py"),
    PrivateAttribute("wagtail.admin.views.generic.models", "_get_title_column", "news/wagtail_hooks.py"),
    PrivateAttribute("modelsearch.backends.base", "_search", "home/search/backend.py"),
    PrivateAttribute("modelsearch.backends.base", "_do_count", "home/search/ranking.py"),
    PrivateAttribute("modelsearch.backends.base", "_score_field", "home/search/ranking.py"),
    PrivateAttribute(
        "modelsearch.backends.database.sqlite.sqlite", "_build_rank_expression", "home/search/ranking.py"
    ),
)


def source_sha256(dotted_path: str) -> str:
    return hashlib.sha256(inspect.getsource(import_string(dotted_path)).encode()).hexdigest()


def vendor_template_sha256(template: CopiedTemplate) -> str:
    package = import_module(template.vendor_app)
    path = Path(package.__file__).parent / "templates" / template.name
    return hashlib.sha256(path.read_bytes()).hexdigest()


def module_source(dotted_module: str) -> str:
    """The module's source text, read without importing it (some modelsearch modules need their database)."""
    return Path(util.find_spec(dotted_module).origin).read_text(encoding="utf-8")
