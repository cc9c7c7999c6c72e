"""Languages in the API: alternates of each item, its translation status, and the fallback flags."""

from collections.abc import Callable, Sequence

from django.db import models
from django.db.models import Exists, Expression, OuterRef, Subquery

from ..localization.status import computed_translation_states, keys_by_model
from ..models import StoredTranslationState, TranslationState


class Alternates:
    """The live, public translations of a page of items and their translation status.

    One query loads every locale's version of the items, flagged with whether the API serves it and
    with its stored translation state: the served ones are the alternates. An item whose state is not
    stored (its object changed a moment ago) has it computed from all of them.
    """

    def __init__(
        self, public_translations: models.QuerySet, link: Callable[[models.Model], dict], **annotations: Expression
    ) -> None:
        self.public_translations = public_translations
        self.link = link
        # Loaded with every version, for `link` to read.
        self.annotations = annotations
        self._by_key: dict = {}
        self._statuses: dict = {}

    def load(self, items: Sequence[models.Model]) -> None:
        keys = {item.translation_key for item in items if hasattr(item, "translation_key")}
        if not keys:
            return
        served = self.public_translations.filter(pk=OuterRef("pk"))
        stored_state = StoredTranslationState.objects.filter(
            translation_key=OuterRef("translation_key"), language_code=OuterRef("locale__language_code")
        ).values("state")[:1]
        versions = list(
            self.public_translations.model._default_manager.filter(translation_key__in=keys)
            .select_related("locale")
            .annotate(served=Exists(served), stored_state=Subquery(stored_state), **self.annotations)
        )
        for version in versions:
            if version.served:
                self._by_key.setdefault(version.translation_key, []).append(version)
            if version.stored_state is not None:
                self._statuses[(version.translation_key, version.locale.language_code)] = TranslationState(
                    version.stored_state
                )
        unknown = [
            item
            for item in items
            if item.translation_key in keys and (item.translation_key, item.locale.language_code) not in self._statuses
        ]
        self._statuses.update(computed_translation_states(keys_by_model(unknown), instances=versions))

    def of(self, item: models.Model) -> dict:
        """{locale_code: {"id": int, "html_url" | "detail_url": str}} of the item's other live translations."""
        return {
            translation.locale.language_code: self.link(translation)
            for translation in self._by_key.get(item.translation_key, [])
            if translation.pk != item.pk
        }

    def status_of(self, item: models.Model) -> str | None:
        state = self._statuses.get((item.translation_key, item.locale.language_code))
        return None if state is None else state.value
