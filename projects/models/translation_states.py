"""The read model of translation status: each object's state in each configured language, kept up to date."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationState(models.TextChoices):
    SOURCE = "source", _("Source")
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    MISSING = "missing", _("Missing")


class StoredTranslationState(models.Model):
    """An object's translation state in one language, as projects.localization.status computes it.

    Rows exist only while they are current: anything the state is computed from (the object's
    versions, wagtail-localize's sources, sync logs, segments and string translations) deletes the
    rows of its object in the writer's transaction, and they are computed again after commit. A
    missing row is computed when it is read, so a missing row costs queries, never correctness.
    """

    translation_key = models.UUIDField(_("translation key"))
    language_code = models.CharField(_("language"), max_length=100)
    state = models.CharField(_("state"), max_length=20, choices=TranslationState.choices)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("stored translation state")
        verbose_name_plural = _("stored translation states")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "language_code"], name="projects_one_state_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} {self.language_code}: {self.state}"
