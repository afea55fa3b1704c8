from django.apps import AppConfig


class PatchesConfig(AppConfig):
    name = "patches"
    verbose_name = "Vendor patches"

    def ready(self):
        # Runtime replacements are installed once the models are loaded (Page must exist).
        from patches import admin_titles, axes_titles, segment_labels, user_names

        admin_titles.install()
        axes_titles.install()
        segment_labels.install()
        user_names.install()
