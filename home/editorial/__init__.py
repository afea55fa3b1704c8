"""
The editorial machinery of the base: what editors of every section share, whatever the page type.

Slugs from Chinese titles, the publish guard against Chinese on the English site, translatable tables,
the translation status report (one computation, also behind the dashboard) with its bulk actions and PO
files, the translation review loop (ready for review → sent back or published), segments prefilled when they
need no translation, readable segment names, roles and the permission checks around wagtail-localize's
views, machine translation engines. Works on Wagtail's Page and TranslatableMixin models generically: it
names no app's models.
"""
