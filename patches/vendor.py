"""
What each vendor patch relies on, recorded when the patch was made, for tests/test_vendor_patches.py.

- COPIED_TEMPLATES: each vendor template we keep a changed copy of (or extend under its own name), with the
  SHA-256 of the vendor's original at the version the copy was made from. When an upgrade changes the original,
  the test fails: redo the copy from the new original (the README says what each copy changes) and record the
  new digest.
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
        "wagtail_2fa/otp_form_v6.html",
        "wagtail_2fa",
        "wagtail-2fa 1.8.0",
        "ba69d343350b1772a32c93937bd29f8c0a3f44c6e62363a71c080d75c488d462",
    ),
    CopiedTemplate(
        "wagtail_2fa/device_form.html",
        "wagtail_2fa",
        "wagtail-2fa 1.8.0",
        "05319e9a643f8a32e0783e56ab868f4c3dfedc6236d53163cc753523c2186b28",
    ),
    CopiedTemplate(
        "wagtail_2fa/device_list.html",
        "wagtail_2fa",
        "wagtail-2fa 1.8.0",
        "2d0080e7edde391467b7af07266d475f962cc50a7b5bcba11527b04650a999e1",
    ),
    # Extended, not copied: ours fills its `content` and `extra_js` blocks and reads its `translation`.
    CopiedTemplate(
        "wagtail_localize/admin/edit_translation.html",
        "wagtail_localize",
        "wagtail-localize 1.14.5",
        "52b849c00b09876c0fb0e7314a762f1eebb1c4212120828c61c1350a301a5ba7",
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
        "wagtail_localize.wagtail_hooks.page_listing_more_buttons",
        "2a98d3b297d8c957b0136655e1c9b962a21220236efef07a305d38b6cb8e9661",
        "patches/localize_listing_buttons.py",
    ),
    # Wagtail's page table constructor, as patches.localize_listing_buttons keeps it before wrapping it.
    PatchedCode(
        "patches.localize_listing_buttons.wagtail_page_table_init",
        "caadb33213322859435a6bcfdf704eacb9aaad30592630e3705b09fed2a35000",
        "patches/localize_listing_buttons.py",
    ),
    PatchedCode(
        "wagtail_localize.views.edit_translation.download_pofile",
        "371c1269e5dd0ba9bd1fa83723a324cfad0420f26f36e8d09687c55458771e15",
        "patches/localize_views.py",
    ),
    # The second step: wagtail-2fa's view with our form (its own form names no device), at its URL and URL name,
    # which its middleware lets through; django-otp's mixin whose device choice and form update we replace.
    PatchedCode(
        "wagtail_2fa.forms.TokenForm",
        "a49a9fb8abfdd66e8103621ecd8a384c439559e302e3bacf5942237d4bb8ea47",
        "patches/two_factor.py",
    ),
    PatchedCode(
        "wagtail_2fa.views.LoginView",
        "c9279c7a5bafff62b4a6fee0f230121a69c173c5db045633458e5a22d519c58c",
        "patches/two_factor.py",
    ),
    PatchedCode(
        "wagtail_2fa.middleware.VerifyUserMiddleware",
        "392958e999265f6a94640a93c0499957a406bb1ca4c76d5a305eb55c365d4753",
        "patches/two_factor.py",
    ),
    PatchedCode(
        "django_otp.forms.OTPAuthenticationFormMixin",
        "86a9e371af38fc1b078728cadc3355663948ff531316877784d290a405bb3481",
        "patches/two_factor.py",
    ),
    # django-axes' name of a lockout record, as patches.axes_titles keeps it before replacing it.
    PatchedCode(
        "patches.axes_titles.axes_access_attempt_str",
        "fdf0bcfd45e3a6db589eea70d7830cb1ca614850bde3f98091cfae2646f37302",
        "patches/axes_titles.py",
    ),
    # Its menu item for a user still to verify, whose English label patches/wagtail_hooks.py replaces.
    PatchedCode(
        "wagtail_2fa.wagtail_hooks.remove_menu_if_unverified",
        "25157dc03f82284438598f733b53dc2bd162f7b1db89a393255bfa0897042423",
        "patches/wagtail_hooks.py",
    ),
    PatchedCode(
        "wagtail_localize.views.edit_translation.upload_pofile",
        "9cf1ffceecbb6b7da2f9d0e7c8e484493436bbb0ce0dce62a36f52f981e46d56",
        "patches/localize_views.py",
    ),
    # wagtail-localize's own function, as patches.segment_labels keeps it before wrapping it.
    PatchedCode(
        "patches.segment_labels.wagtail_get_segment_location_info",
        "6218eff9b05f4a958fbd5f42b1e354adff929226f7d4cc2d0eae9b390c504aa5",
        "patches/segment_labels.py",
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
    PrivateAttribute("django.db.models.query", "_batched_insert", "home/content/bulk_pages.py"),
    PrivateAttribute("treebeard.mp_tree", "_get_path", "home/content/bulk_pages.py"),
    PrivateAttribute("treebeard.mp_tree", "_get_lastpos_in_path", "home/content/bulk_pages.py"),
    PrivateAttribute("treebeard.mp_tree", "_cached_parent_obj", "home/content/bulk_pages.py"),
    PrivateAttribute(
        "wagtail.models.reference_index", "_extract_references_from_object", "home/content/bulk_pages.py"
    ),
    PrivateAttribute("wagtail.models.reference_index", "_get_content_path_hash", "home/content/bulk_pages.py"),
    PrivateAttribute("wagtail_localize.models", "_get_data_hash", "home/content/bulk_translations.py"),
    PrivateAttribute("wagtail_localize.models", "_get_path_id", "home/content/bulk_translations.py"),
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
