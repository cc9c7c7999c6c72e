"""Whether each page and snippet is translated, and whether its translations are still up to date."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils.translation import get_supported_language_variant
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, TranslationLog, TranslationSource

from ..models import StoredTranslationState, TranslationState
from .locales import configured_language_codes


@dataclass
class _Source:
    pk: int
    language_code: str
    last_updated_at: datetime
    last_sync_by_locale: dict[str, datetime] = field(default_factory=dict)
    untranslated_locales: set[str] = field(default_factory=set)


def _default_language_code() -> str:
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def translation_model(obj: Page | TranslatableMixin) -> type[models.Model]:
    """The model whose rows share a translation key: Page for every page type."""
    return Page if isinstance(obj, Page) else obj.get_translation_model()


def keys_by_model(objects: Iterable[Page | TranslatableMixin]) -> dict[type[models.Model], set[uuid.UUID]]:
    keys: dict[type[models.Model], set[uuid.UUID]] = defaultdict(set)
    for obj in objects:
        keys[translation_model(obj)].add(obj.translation_key)
    return keys


def instance_row(instance: Page | TranslatableMixin) -> dict:
    """What the status needs of one locale's instance: the row _instances_by_key reads."""
    row = {
        "pk": instance.pk,
        "translation_key": instance.translation_key,
        "locale__language_code": instance.locale.language_code,
    }
    if isinstance(instance, Page):
        row["last_published_at"] = instance.last_published_at
    return row


def _instances_by_key(keys: dict[type[models.Model], set[uuid.UUID]]) -> dict[uuid.UUID, dict[str, dict]]:
    """Every locale's instance of each object (one query per translatable model), as value rows."""
    instances: dict[uuid.UUID, dict[str, dict]] = defaultdict(dict)
    for model, model_keys in keys.items():
        columns = ["pk", "translation_key", "locale__language_code"]
        if model is Page:
            columns.append("last_published_at")
        for row in model._default_manager.filter(translation_key__in=model_keys).order_by("pk").values(*columns):
            instances[row["translation_key"]][row["locale__language_code"]] = row
    return instances


def _sources_by_key(keys: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[_Source]]:
    """Translation sources with when each target locale was last synced and which lack strings (four queries)."""
    keys = list(keys)
    sources: dict[int, _Source] = {}
    by_key: dict[uuid.UUID, list[_Source]] = defaultdict(list)
    for row in TranslationSource.objects.filter(object_id__in=keys).values(
        "pk", "object_id", "locale__language_code", "last_updated_at"
    ):
        source = _Source(row["pk"], row["locale__language_code"], row["last_updated_at"])
        sources[source.pk] = source
        by_key[row["object_id"]].append(source)
    if not sources:
        return by_key
    for row in (
        TranslationLog.objects.filter(source_id__in=sources)
        .values("source_id", "locale__language_code")
        .annotate(last_sync=Max("created_at"))
    ):
        sources[row["source_id"]].last_sync_by_locale[row["locale__language_code"]] = row["last_sync"]
    translated: dict[tuple[int, int], set[str]] = defaultdict(set)
    for string_id, context_id, code in StringTranslation.objects.filter(
        context__object_id__in=keys, has_error=False
    ).values_list("translation_of_id", "context_id", "locale__language_code"):
        translated[(string_id, context_id)].add(code)
    for source_id, string_id, context_id in StringSegment.objects.filter(source_id__in=sources).values_list(
        "source_id", "string_id", "context_id"
    ):
        source = sources[source_id]
        source.untranslated_locales.update(set(source.last_sync_by_locale) - translated[(string_id, context_id)])
    return by_key


def _state(code: str, source_code: str | None, instances: dict[str, dict], source: _Source | None) -> TranslationState:
    if code == source_code:
        return TranslationState.SOURCE
    if code not in instances:
        return TranslationState.MISSING
    source_row, row = instances.get(source_code, {}), instances[code]
    source_published = source_row.get("last_published_at")
    last_sync = source.last_sync_by_locale.get(code) if source else None
    if last_sync is None:
        # Translated by hand, outside wagtail-localize: only publication dates tell whether it lags behind.
        published = row.get("last_published_at")
        lagging = source_published is not None and (published is None or published < source_published)
        return TranslationState.OUT_OF_DATE if lagging else TranslationState.UP_TO_DATE
    if (
        last_sync < source.last_updated_at
        or (source_published is not None and source_published > source.last_updated_at)
        or code in source.untranslated_locales
    ):
        return TranslationState.OUT_OF_DATE
    return TranslationState.UP_TO_DATE


def translation_status_map(
    objects: Sequence[Page | TranslatableMixin],
) -> dict[tuple[uuid.UUID, str], TranslationState]:
    """The state of every object in every configured locale, keyed by (translation_key, language code).

    The source is the locale wagtail-localize translates the object from (or, before anything was
    submitted for translation, the default locale). A translation is out of date when the source
    changed after it was last synced, or when some of its strings have no translation. Read from the
    stored states (one query); objects with none stored are computed (computed_translation_states).
    """
    objects = list(objects)
    if not objects:
        return {}
    codes = configured_language_codes()
    states = {
        (row.translation_key, row.language_code): TranslationState(row.state)
        for row in StoredTranslationState.objects.filter(
            translation_key__in={obj.translation_key for obj in objects}, language_code__in=codes
        )
    }
    unknown = [obj for obj in objects if any((obj.translation_key, code) not in states for code in codes)]
    states.update(computed_translation_states(keys_by_model(unknown)))
    return states


def computed_translation_states(
    keys: dict[type[models.Model], set[uuid.UUID]],
    instances: Iterable[Page | TranslatableMixin] | None = None,
) -> dict[tuple[uuid.UUID, str], TranslationState]:
    """translation_status_map computed from wagtail-localize's records, for {translation model: keys}.

    Costs two queries for pages nobody submitted for translation, at most five once they were, plus
    one per snippet model, whatever the number of objects. A caller that has already loaded every
    locale's instance of the objects (the API does, for alternates) passes them as `instances` and
    saves those queries.
    """
    all_keys = {key for model_keys in keys.values() for key in model_keys}
    if not all_keys:
        return {}
    codes = configured_language_codes()
    default_code = _default_language_code()
    if instances is None:
        instances_by_key = _instances_by_key(keys)
    else:
        instances_by_key = defaultdict(dict)
        for instance in instances:
            instances_by_key[instance.translation_key][instance.locale.language_code] = instance_row(instance)
    sources_by_key = _sources_by_key(all_keys)
    states: dict[tuple[uuid.UUID, str], TranslationState] = {}
    for key in all_keys:
        key_instances = instances_by_key.get(key, {})
        sources = sources_by_key.get(key, [])
        source = next((s for s in sources if s.language_code == default_code), sources[0] if sources else None)
        if source is not None:
            source_code = source.language_code
        elif default_code in key_instances:
            source_code = default_code
        else:
            source_code = next(iter(key_instances), None)
        for code in codes:
            states[(key, code)] = _state(code, source_code, key_instances, source)
    return states
