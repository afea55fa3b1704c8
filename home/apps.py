from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        # Signal receivers are connected by importing their module, once the models are loaded.
        # The caches register what clears them with home.invalidation when imported: before any change.
        from . import cdn, html_cache, routing, signals, visibility  # noqa: F401
