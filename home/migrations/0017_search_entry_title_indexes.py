"""
Two indexes on the search entries for modelsearch's title normalisation, which runs after every page is indexed
(each publish, each import batch): it averages the length of every entry's title and updates the entries whose
`title_norm` is still the default 1.0. Without indexes both read the whole table, bodies included: ~0.4 s per
publish or batch at 13,000 articles per locale on SQLite, growing with the site. With them the average reads the
narrow title index and the update finds the new entries by `title_norm` (20 ms).
"""

from django.db import migrations

INDEXES = {
    "search_entry_title": "title",
    "search_entry_title_norm": "title_norm",
}


def create_indexes(apps, schema_editor):
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON wagtailsearch_indexentry ({column})")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0016_wechat_follow_block"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
