from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = pgettext_lazy("app", "Site")

    def ready(self):
        # Signal receivers and system checks are connected by importing their modules, once the models are
        # loaded; the caches register what clears them with home.caching.invalidation when imported: before any change.
        from home.caching import cdn, html_cache, routing, signals, visibility  # noqa: F401
        from home.editorial import signals as editorial_signals
        from home.security import checks, recovery_codes  # noqa: F401

        editorial_signals.connect()
