"""Keeping the stored translation states current: forgotten by writers, computed again after they commit.

Every write that can change an object's translation state (a version of the object saved or
deleted, a wagtail-localize source, sync log, string segment or string translation saved or deleted)
deletes the object's stored states in the writer's own transaction, taking no lock, and leaves its
translation key pending. When the transaction commits, the pending keys are computed again, once
each, under the builders' lock: computations are serialised, and each commit is followed by one, so
the last one to store a key has read every committed change. Readers never write: what is not stored
they compute (projects/localization/status.py). When stored states change, the API generation moves
(every item carries its translation status, which changes when translators work, not only on publish).
"""

import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import AppConfig, apps
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslatableObject,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)

from ..localization.status import computed_translation_states, translation_model
from ..models import Person, StoredTranslationState
from ..visibility import public_people_condition
from .change import Change, Kind
from .generation import bump_generation
from .lock import lock_read_models
from .pending import gathered, take_gathered

# Page fields a translation state is computed from; saves of other fields alone (drafts, locks) change nothing.
PAGE_FIELDS_OF_STATE = frozenset({"last_published_at", "locale", "translation_key"})
BATCH_SIZE = 500


@dataclass
class _Pending:
    """What the current transaction made stale: translation keys (with their model when known), sources, contexts."""

    keys: dict[uuid.UUID, type[models.Model] | None] = field(default_factory=dict)
    source_ids: set[int] = field(default_factory=set)
    context_ids: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.keys or self.source_ids or self.context_ids)


def _pending() -> _Pending:
    return gathered("kronika_pending_translation_states", _Pending)


def _take_pending() -> _Pending:
    return take_gathered("kronika_pending_translation_states", _Pending)


def _forget(stale_states: models.QuerySet) -> None:
    """Delete stale states now, in the writer's transaction, and compute them again once it commits.

    Every change registers the callback; the first to run takes everything pending and the rest find
    nothing. Keys left pending by a rolled back transaction are computed with the next one's.
    """
    stale_states.delete()
    transaction.on_commit(refresh_pending, robust=True)


def forget_keys(keys: dict[uuid.UUID, type[models.Model] | None]) -> None:
    """Make the stored states of these translation keys stale; the model, when known, saves a lookup."""
    if keys:
        pending = _pending()
        for key, model in keys.items():
            pending.keys[key] = pending.keys.get(key) or model
        _forget(StoredTranslationState.objects.filter(translation_key__in=keys))


@cache
def _is_translatable(model: type[models.Model]) -> bool:
    # Migrations send signals with historical models: those are not in the app registry.
    return issubclass(model, TranslatableMixin) and model in apps.get_models()


def _forget_instance_states(instance: Any, update_fields: frozenset[str] | None) -> None:
    """A version of a page or snippet was saved or deleted: its existence and publication feed the state."""
    if not _is_translatable(type(instance)):
        return
    if isinstance(instance, Page) and update_fields and not PAGE_FIELDS_OF_STATE.intersection(update_fields):
        return
    forget_keys({instance.translation_key: translation_model(instance)})


def _forget_log_states(instance: TranslationLog) -> None:
    _pending().source_ids.add(instance.source_id)
    sources = TranslationSource.objects.filter(pk=instance.source_id)
    _forget(StoredTranslationState.objects.filter(translation_key__in=sources.values("object_id")))


def _forget_context_states(instance: StringSegment | StringTranslation) -> None:
    """A string segment or translation changed: its context names the object it belongs to."""
    _pending().context_ids.add(instance.context_id)
    contexts = TranslationContext.objects.filter(pk=instance.context_id)
    _forget(StoredTranslationState.objects.filter(translation_key__in=contexts.values("object_id")))


def forget(change: Change) -> None:
    """Make the states the change may have moved stale (the read-model layer calls it for every change)."""
    instance = change.instance
    if isinstance(instance, TranslationSource):
        forget_keys({instance.object_id: None})
    elif isinstance(instance, TranslationLog):
        _forget_log_states(instance)
    elif isinstance(instance, StringSegment | StringTranslation):
        _forget_context_states(instance)
    elif change.kind in (Kind.SAVED, Kind.DELETED):
        _forget_instance_states(instance, change.update_fields)


def _resolved_keys(pending: _Pending) -> dict[uuid.UUID, type[models.Model] | None]:
    """Every pending translation key with its translation model; None for a key no object has any more."""
    keys = dict(pending.keys)
    for key in TranslationSource.objects.filter(pk__in=pending.source_ids).values_list("object_id", flat=True):
        keys.setdefault(key)
    for key in TranslationContext.objects.filter(pk__in=pending.context_ids).values_list("object_id", flat=True):
        keys.setdefault(key)
    unknown = [key for key, model in keys.items() if model is None]
    if unknown:
        objects = TranslatableObject.objects.filter(translation_key__in=unknown)
        content_types = dict(objects.values_list("translation_key", "content_type"))
        for key in unknown:
            content_type = content_types.get(key)
            keys[key] = ContentType.objects.get_for_id(content_type).model_class() if content_type else None
    return keys


def refresh_pending() -> None:
    """on_commit: compute and store the states of every key the committed transaction made stale."""
    pending = _take_pending()
    if pending:
        with transaction.atomic():
            lock_read_models()
            store_states(_resolved_keys(pending))


def store_states(keys: dict[uuid.UUID, type[models.Model] | None]) -> None:
    """Compute the states of these keys and store them in place of the old ones; call it under lock_read_models()."""
    by_model: dict[type[models.Model], set[uuid.UUID]] = {}
    for key, model in keys.items():
        if model is not None:
            by_model.setdefault(model, set()).add(key)
    states = computed_translation_states(by_model)
    stored = StoredTranslationState.objects.filter(translation_key__in=keys)
    before = {(row.translation_key, row.language_code): row.state for row in stored}
    stored.delete()
    StoredTranslationState.objects.bulk_create(
        StoredTranslationState(translation_key=key, language_code=code, state=state)
        for (key, code), state in states.items()
    )
    changed = {key for key, code in set(before) | set(states) if before.get((key, code)) != states.get((key, code))}
    if changed and _shown_to_partners({key: keys[key] for key in changed}):
        bump_generation()


def _shown_to_partners(keys: dict[uuid.UUID, type[models.Model] | None]) -> bool:
    """Whether the API shows an object with one of these keys: a live page, a public person, any other snippet.

    A key no object has any more was shown by nothing: its object's deletion moved the generation already.
    """
    by_model: dict[type[models.Model], set[uuid.UUID]] = {}
    for key, model in keys.items():
        if model is not None:
            by_model.setdefault(model, set()).add(key)
    for model, model_keys in by_model.items():
        shown = model._default_manager.filter(translation_key__in=model_keys)
        if issubclass(model, Page):
            shown = shown.live()
        elif issubclass(model, Person):
            shown = shown.filter(public_people_condition())
        if shown.exists():
            return True
    return False


def translatable_models() -> list[type[models.Model]]:
    """The models whose rows share translation keys: Page for every page type, and each translatable snippet."""
    found = {model.get_translation_model() for model in apps.get_models() if _is_translatable(model)}
    return sorted(found, key=lambda model: model._meta.label)


def store_all_states() -> int:
    """Compute the state of every object again, in batches; returns how many objects.

    Run after migrate: the configured languages and the default one may have changed with the settings.
    """
    keys: dict[uuid.UUID, type[models.Model]] = {}
    for model in translatable_models():
        keys.update(dict.fromkeys(model._default_manager.values_list("translation_key", flat=True).distinct(), model))
    stale = set(StoredTranslationState.objects.values_list("translation_key", flat=True).distinct()) - keys.keys()
    items = list(keys.items()) + [(key, None) for key in stale]
    for start in range(0, len(items), BATCH_SIZE):
        with transaction.atomic():
            lock_read_models()
            store_states(dict(items[start : start + BATCH_SIZE]))
    return len(keys)


def store_states_after_migrate(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """post_migrate: the configured languages, or the default one, may have changed with the settings.

    (A migrate to an earlier state may have left no table to store them in.)
    """
    if StoredTranslationState._meta.db_table in connections[using].introspection.table_names():
        store_all_states()
