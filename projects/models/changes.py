"""What changed for partners: an append-only log of public changes, and the API cache generation."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


#: Actions after which a partner holds a copy of the object.
VISIBLE_ACTIONS = frozenset({ChangeAction.CREATED, ChangeAction.UPDATED})


class ContentChange(models.Model):
    """One public change of a page or snippet, as partners see it; the row id is the sync cursor."""

    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    endpoint = models.CharField(_("API endpoint"), max_length=40, help_text=_("e.g. pages or organisations"))
    object_type = models.CharField(_("type"), max_length=100, help_text=_("e.g. projects.EventReportPage"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    locale = models.CharField(_("locale"), max_length=20, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")
        ordering = ["id"]
        indexes = [models.Index(fields=["endpoint", "object_id", "-id"], name="projects_change_object_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.endpoint}/{self.object_id}"


class APICacheGeneration(models.Model):
    """A single row whose value changes whenever anything the public API shows may have changed."""

    value = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("API cache generation")

    def __str__(self) -> str:
        return f"{self.value} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
