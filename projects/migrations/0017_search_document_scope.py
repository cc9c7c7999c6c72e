"""Search documents say where a page lies (projects.search.scope), and SQLite's text index holds it as a column.

The scope of existing page documents is computed here from their pages (type and tree path); on SQLite the
FTS5 table is made again with the new column, its triggers with it, and filled from the documents.
"""

from django.db import migrations, models

FTS_TABLE = "projects_searchdocument_fts"
TEXT_COLUMNS = ["title_words", "title_stems", "summary_words", "summary_stems", "body_words", "body_stems"]
STEPLEN = 4  # Wagtail's (treebeard's) path step
BATCH_SIZE = 500


def _type_token(app_label: str, model: str) -> str:
    return "xm" + f"{app_label}.{model}".lower().encode().hex()


def _path_tokens(path: str) -> list[str]:
    return ["xp" + path[:end].lower() for end in range(STEPLEN, len(path) + 1, STEPLEN)]


def _make_text_index(schema_editor, columns: list[str]) -> None:
    """The FTS5 table over ``columns`` of the documents, kept by triggers, filled from what is there."""
    names = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    for statement in [
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({names}, content='projects_searchdocument', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON projects_searchdocument BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, {names}) VALUES (new.id, {new_values}); END",
        f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON projects_searchdocument BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {names}) VALUES ('delete', old.id, {old_values}); END",
        f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON projects_searchdocument BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {names}) VALUES ('delete', old.id, {old_values}); "
        f"INSERT INTO {FTS_TABLE}(rowid, {names}) VALUES (new.id, {new_values}); END",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]:
        schema_editor.execute(statement)


def _drop_text_index(schema_editor) -> None:
    for statement in [
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ]:
        schema_editor.execute(statement)


def add_scope(apps, schema_editor) -> None:
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        # Filling the scope through the old triggers would index every document twice.
        _drop_text_index(schema_editor)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    SearchDocument = apps.get_model("projects", "SearchDocument")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is not None:
        labels = {
            pk: (app_label, model)
            for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
        }
        documents = list(SearchDocument.objects.filter(content_type=page_type).only("pk", "object_id"))
        for start in range(0, len(documents), BATCH_SIZE):
            batch = documents[start : start + BATCH_SIZE]
            pages = Page.objects.filter(pk__in=[document.object_id for document in batch]).values_list(
                "pk", "path", "content_type_id"
            )
            scopes = {pk: " ".join([_type_token(*labels[type_id]), *_path_tokens(path)]) for pk, path, type_id in pages}
            for document in batch:
                document.scope = scopes.get(document.object_id, "")
            SearchDocument.objects.bulk_update(batch, ["scope"], batch_size=BATCH_SIZE)
    if sqlite:
        _make_text_index(schema_editor, [*TEXT_COLUMNS, "scope"])


def remove_scope(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _make_text_index(schema_editor, TEXT_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("projects", "0016_report_event_date_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="scope",
            field=models.TextField(blank=True, default=""),
        ),
        # On the way back the text index is made as 0014 had it first: the triggers must not name the column
        # the field's removal drops.
        migrations.RunPython(add_scope, remove_scope, elidable=False),
    ]
