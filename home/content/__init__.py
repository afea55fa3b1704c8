"""
Building the site's content from the data files each app ships in its `seed_content/` folder.

`loader.ContentLoader` is the shared machinery (idempotent page creation, translation through
wagtail-localize); each app subclasses it for its own content and registers it with the
`register_site_content_loader` hook; `manage.py load_site_content` runs them in order.
"""
