"""The demo's translations: strings written by a translator in the data file, applied through wagtail-localize.

`[translations.<lang>.<section>.<key>]` tables name an object by its key and give the translation of
each string a translator is offered: plain fields by name, inline rows and StreamField blocks in the
order of the source. Every offered string must be there, so the demo translations are complete and
“up to date” in the translation status.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from wagtail import blocks
from wagtail.coreutils import get_content_languages
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.strings import StringValue

from projects.localization.machine import translate_object
from projects.localization.status import TranslationState, translation_status_map
from projects.localization.sync import validation_messages

from .data import DemoDataError
from .sync import CREATED, UNCHANGED, UPDATED

Translatable = Page | TranslatableMixin


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DemoDataError(f"{where}: expected a table of translations.")
    return value


def _aligned(source: list, value: Any, where: str) -> list:
    if not isinstance(value, list) or len(value) != len(source):
        raise DemoDataError(f"{where}: give one translation for each of the {len(source)} items of the source.")
    return value


def _block_strings(block: blocks.Block, value: Any, spec: Any, path: str, where: str, out: dict) -> None:
    """A paragraph is translated as `text`; a structured block by its fields, lists item by item."""
    spec = _table(spec, where)
    if isinstance(block, blocks.RichTextBlock):
        out[path] = spec.get("text")
        return
    for name, text in spec.items():
        child = block.child_blocks.get(name) if isinstance(block, blocks.StructBlock) else None
        if child is None:
            raise DemoDataError(f"{where}: the block has no field {name!r}.")
        if isinstance(child, blocks.ListBlock):
            items = value[name].bound_blocks
            for item, item_text in zip(items, _aligned(items, text, f"{where}.{name}"), strict=True):
                out[f"{path}.{name}.{item.id}"] = item_text
        else:
            out[f"{path}.{name}"] = text


def wanted_strings(instance: Translatable, spec: dict[str, Any], where: str) -> dict[str, str]:
    """Context path → translated text, for every string the data file translates on this object."""
    out: dict[str, str] = {}
    for name, value in _table(spec, where).items():
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist as error:
            raise DemoDataError(f"{where}: {type(instance).__name__} has no field {name!r}.") from error
        if isinstance(field, StreamField):
            stream = list(getattr(instance, name))
            entries = _aligned(stream, value, f"{where}.{name}")
            for index, (block, entry) in enumerate(zip(stream, entries, strict=True)):
                _block_strings(block.block, block.value, entry, f"{name}.{block.id}", f"{where}.{name}[{index}]", out)
        elif field.one_to_many:
            rows = list(getattr(instance, name).all())
            for row, entry in zip(rows, _aligned(rows, value, f"{where}.{name}"), strict=True):
                for row_field, text in (entry if isinstance(entry, dict) else {"text": entry}).items():
                    out[f"{name}.{row.translation_key}.{row_field}"] = text
        else:
            out[name] = value
    for path, text in out.items():
        if not isinstance(text, str) or not text.strip():
            raise DemoDataError(f"{where}: the translation of {path.split('.')[0]!r} must be non-empty text.")
    return out


def _write_strings(source: TranslationSource, locale: Locale, wanted: dict[str, str], where: str) -> bool:
    """Store the translations as a translator's; True when any was new or different."""
    segments = list(source.stringsegment_set.select_related("context", "string"))
    missing = [segment.string.data for segment in segments if segment.context.path not in wanted]
    if missing:
        shown = "; ".join(f"“{text[:60]}”" for text in missing[:5])
        raise DemoDataError(f"{where}: {len(missing)} strings have no translation, e.g. {shown}.")
    offered = {segment.context.path for segment in segments}
    if extra := [path for path in wanted if path not in offered]:
        raise DemoDataError(
            f"{where}: {len(extra)} translations are for strings the source does not have (empty or synchronised "
            f"fields such as {extra[0].split('.')[0]!r})."
        )
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(context__object_id=source.object_id, locale=locale)
    }
    changed = False
    for segment in segments:
        data = StringValue.from_plaintext(wanted[segment.context.path]).data
        row = existing.get((segment.string_id, segment.context_id))
        if row is not None and row.data == data and not row.has_error:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": data, "translation_type": "manual", "tool_name": "Kronika demo", "has_error": False},
        )
        changed = True
    return changed


def _stored(obj: Translatable) -> Translatable:
    if isinstance(obj, Page):
        return Page.objects.get(pk=obj.pk).specific
    return type(obj)._default_manager.get(pk=obj.pk)


def translate_demo_objects(
    objects: Iterable[tuple[Translatable, dict[str, Any], str]], language_code: str
) -> Counter[str]:
    """Translate each (object, its translation table, where) into the language, objects before those using them."""
    if language_code not in dict(get_content_languages()):
        raise DemoDataError(f"[translations.{language_code}]: {language_code!r} is not a content language.")
    locale = Locale.objects.get_or_create(language_code=language_code)[0]
    # The builder's objects may predate their publication (live, revision): translate what is stored.
    objects = [(_stored(obj), spec, where) for obj, spec, where in objects]
    states = translation_status_map([obj for obj, _spec, _where in objects])
    counts: Counter[str] = Counter()
    for obj, spec, where in objects:
        state = states[(obj.translation_key, language_code)]
        source, _created = (
            TranslationSource.get_or_create_from_instance(obj)
            if state == TranslationState.UP_TO_DATE
            else TranslationSource.update_or_create_from_instance(obj)
        )
        changed = _write_strings(source, locale, wanted_strings(obj, spec, where), where)
        if not changed and state == TranslationState.UP_TO_DATE:
            counts[UNCHANGED] += 1
            continue
        try:
            translate_object(obj, locale)
        except ValidationError as error:
            raise DemoDataError(f"{where}: {'; '.join(validation_messages(error))}") from error
        counts[CREATED if state == TranslationState.MISSING else UPDATED] += 1
    return counts
