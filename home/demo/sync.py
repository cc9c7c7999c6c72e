"""Bringing one object in step with its entry in the data file, touching it only when they differ.

Entries refer to each other by key; a `Registry` turns keys into the objects built so far, so a
reference to something not yet defined above is an error, not a silent gap.
"""

from html import escape
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .data import DemoDataError

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# Entry keys that place or name an object in the data file rather than fill one of its fields.
META_KEYS = {"key", "project"}
# Row keys and locales are made per save (wagtail-localize pairs rows across languages by them), not data.
ROW_IGNORED_FIELDS = {"id", "page", "sort_order", "translation_key", "locale"}


class Registry:
    """Objects built so far, by model and key."""

    def __init__(self) -> None:
        self._objects: dict[type[models.Model], dict[str, models.Model]] = {}

    def add(self, key: str, obj: models.Model, where: str) -> None:
        bucket = self._objects.setdefault(type(obj), {})
        if key in bucket:
            raise DemoDataError(f"{where}: the key {key!r} is used twice.")
        bucket[key] = obj

    def get(self, model: type[models.Model], key: Any, where: str) -> models.Model:
        found = self._objects.get(model, {}).get(key) if isinstance(key, str) else None
        if found is None:
            raise DemoDataError(f"{where}: no {model._meta.verbose_name} with the key {key!r} is defined above.")
        return found


def _errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(map(str, messages))}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def _block_errors(data: dict[str, Any], where: str) -> list[str]:
    """Nested block errors (Wagtail's JSON form) as lines like `body[5].level: message`."""
    lines = [f"{where}: {message}" for message in data.get("messages", [])]
    for name, child in data.get("blockErrors", {}).items():
        lines += _block_errors(child, f"{where}[{name}]" if isinstance(name, int) else f"{where}.{name}")
    return lines


def validate(obj: models.Model, where: str, exclude: list[str] | None = None) -> None:
    """The model's own full_clean, so demo data obeys the rules the admin enforces."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DemoDataError(f"{where}: {_errors(error)}") from error


def _field(model: type[models.Model], name: str, where: str) -> models.Field:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise DemoDataError(f"{where}: {model.__name__} has no field {name!r}.") from error


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: expected a list, got {value!r}.")
    return value


def _blank(block: blocks.Block) -> Any:
    """What the admin form stores for a field left empty: "" for text (wagtail-localize cannot read None)."""
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.EmailBlock | blocks.URLBlock):
        return ""
    return block.get_prep_value(block.get_default())


def _block_raw(block: blocks.Block, value: Any, registry: Registry, where: str) -> Any:
    """The stored (JSON) form of one block value written in the data file, keys turned into ids."""
    if isinstance(block, blocks.RichTextBlock):
        return f"<p>{escape(value, quote=False)}</p>"
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict) or not set(value) <= set(block.child_blocks):
            unknown = sorted(set(value) - set(block.child_blocks)) if isinstance(value, dict) else value
            raise DemoDataError(f"{where}: {block.name} has no field(s) {unknown}.")
        return {
            name: _block_raw(child_block, value[name], registry, where) if name in value else _blank(child_block)
            for name, child_block in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [_block_raw(block.child_block, child, registry, where) for child in _list(value, where)]
    if isinstance(block, blocks.ChooserBlock):
        return registry.get(block.target_model, value, where).pk
    return value


def stream_value(field: StreamField, entries: list[dict[str, Any]], registry: Registry, where: str) -> Any:
    """A validated StreamValue from `[[x.body]]` tables: `type` names the block, the rest are its fields."""
    raw = []
    for position, entry in enumerate(_list(entries, f"{where}.{field.name}")):
        if not isinstance(entry, dict):
            raise DemoDataError(f"{where}.{field.name}[{position}]: write each block as a [[table]] with a type.")
        entry, block_where = dict(entry), f"{where}.{field.name}[{position}]"
        block_type = entry.pop("type", None)
        block = field.stream_block.child_blocks.get(block_type)
        if block is None:
            raise DemoDataError(f"{block_where}: unknown block type {block_type!r}.")
        value = entry if isinstance(block, blocks.StructBlock) else entry.get("text")
        raw.append({"type": block_type, "value": _block_raw(block, value, registry, block_where)})
    value = field.stream_block.to_python(raw)
    try:
        field.stream_block.clean(value)
    except ValidationError as error:
        data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
        raise DemoDataError("; ".join(_block_errors(data, f"{where}.{field.name}"))) from error
    return value


def _without_ids(data: Any) -> Any:
    """Stream data minus the block ids Wagtail makes up on every save, so equal content compares equal."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_ids(item) for key, item in data.items() if not (key == "id" and "type" in data)}
    return data


def _row_snapshot(row: models.Model) -> dict[str, Any]:
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.name not in ROW_IGNORED_FIELDS
    }


def _rows(model: type[models.Model], entries: list[Any], registry: Registry, where: str) -> list[models.Model]:
    """Inline rows; a bare string stands for the row's organisation, person or text."""
    field_names = {field.name for field in model._meta.fields}
    shorthand = next((name for name in ("organisation", "person", "text") if name in field_names), None)
    rows = []
    for position, entry in enumerate(_list(entries, where)):
        row_where = f"{where}[{position}]"
        if not isinstance(entry, dict):
            if shorthand is None:
                raise DemoDataError(f"{row_where}: write this row as a table of its fields.")
            entry = {shorthand: entry}
        row = model(**_field_values(model, entry, registry, row_where))
        validate(row, row_where, exclude=["page"])
        rows.append(row)
    return rows


def _field_values(model: type[models.Model], entry: dict[str, Any], registry: Registry, where: str) -> dict[str, Any]:
    """Field values from a table: keys turned into the objects they name, plain text into rich text."""
    values = {}
    for name, value in entry.items():
        field = _field(model, name, where)
        if field.many_to_one:
            value = registry.get(field.related_model, value, f"{where}.{name}")
        elif isinstance(field, RichTextField):
            value = f"<p>{escape(value, quote=False)}</p>" if value else ""
        values[name] = value
    return values


class Entry:
    """One object's wanted state: plain fields, inline rows and stream fields, read from a data-file table."""

    def __init__(self, model: type[models.Model], data: dict[str, Any], registry: Registry, where: str) -> None:
        self.model, self.where = model, where
        self.fields: dict[str, Any] = {}
        self.rows: dict[str, list[models.Model]] = {}
        self.streams: dict[str, Any] = {}
        for name, value in data.items():
            if name in META_KEYS:
                continue
            field = _field(model, name, where)
            if isinstance(field, StreamField):
                self.streams[name] = stream_value(field, value, registry, where)
            elif field.one_to_many:
                self.rows[name] = _rows(field.related_model, value, registry, f"{where}.{name}")
            else:
                self.fields.update(_field_values(model, {name: value}, registry, where))

    def apply(self, obj: models.Model) -> bool:
        """Set what differs on obj (in memory); True when anything did."""
        changed = False
        for name, value in self.fields.items():
            field = obj._meta.get_field(name)
            current, wanted = getattr(obj, field.attname), value.pk if field.many_to_one and value else value
            if current != wanted:
                setattr(obj, name, value)
                changed = True
        for name, rows in self.rows.items():
            current = [_row_snapshot(row) for row in getattr(obj, name).all()] if obj.pk else []
            if current != [_row_snapshot(row) for row in rows]:
                setattr(obj, name, rows)
                changed = True
        for name, value in self.streams.items():
            block = obj._meta.get_field(name).stream_block
            if _without_ids(block.get_prep_value(getattr(obj, name))) != _without_ids(block.get_prep_value(value)):
                setattr(obj, name, value)
                changed = True
        return changed


def sync_snippet(model: type[models.Model], lookup: dict[str, Any], entry: Entry) -> tuple[models.Model, str]:
    """The snippet matching lookup (e.g. name and locale), created or updated to match the entry."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    if not entry.apply(obj) and not created:
        return obj, UNCHANGED
    validate(obj, entry.where)
    obj.save()
    return obj, CREATED if created else UPDATED


def sync_page(parent: Page, entry: Entry) -> tuple[Page, str]:
    """The page with the entry's slug under parent, created or updated to match, and published."""
    slug = entry.fields.get("slug")
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None and existing.specific_class is not entry.model:
        raise DemoDataError(
            f"{entry.where}: “{parent.title}” already has the page “{existing.title}” "
            f"({existing.specific_class._meta.verbose_name}) with the slug {slug!r}; move or rename it first."
        )
    page = existing.specific if existing else entry.model(live=False)
    changed = entry.apply(page)
    if existing is not None and not changed and page.live:
        return page, UNCHANGED
    if existing is None:
        page._cached_parent_obj = parent
        validate(page, entry.where, exclude=["path", "depth"])  # the tree fills these in add_child
        parent.add_child(instance=page)
    else:
        validate(page, entry.where)
    page.save_revision().publish()
    return page, CREATED if existing is None else UPDATED
