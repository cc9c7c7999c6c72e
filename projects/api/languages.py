"""Languages in the API: alternates of each item, its translation status, and the fallback flags."""

from collections.abc import Callable, Sequence

from django.db import models
from django.db.models import Exists, OuterRef

from ..localization.status import translation_status_map


class Alternates:
    """The live, public translations of a page of items and their translation status.

    One query loads every locale's version of the items, flagged with whether the API serves it:
    the served ones are the alternates, and all of them feed the translation status.
    """

    def __init__(self, public_translations: models.QuerySet, link: Callable[[models.Model], dict]) -> None:
        self.public_translations = public_translations
        self.link = link
        self._by_key: dict = {}
        self._statuses: dict = {}

    def load(self, items: Sequence[models.Model]) -> None:
        keys = {item.translation_key for item in items if hasattr(item, "translation_key")}
        if not keys:
            return
        served = self.public_translations.filter(pk=OuterRef("pk"))
        versions = list(
            self.public_translations.model._default_manager.filter(translation_key__in=keys)
            .select_related("locale")
            .annotate(served=Exists(served))
        )
        for version in versions:
            if version.served:
                self._by_key.setdefault(version.translation_key, []).append(version)
        self._statuses = translation_status_map(items, instances=versions)

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
