"""The published read model of the API: each live, public page's representation, built once when it changes."""

from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageAPISnapshot(models.Model):
    """A page's API representation with every field (fields=*), as the detail endpoint emits it.

    Built from the live page only, in a background task after publishing; deleted in the same
    transaction as any change to the page or to anything it inlines, so it is never served stale.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="api_snapshot"
    )
    # JSON text rather than a JSONField: PostgreSQL's jsonb would reorder the keys partners see.
    representation = models.TextField(_("representation"))
    # Alternates of other pages link here without loading every site's root paths to compute the URL.
    html_url = models.TextField(_("page URL"), blank=True, help_text=_("The page's html_url in the representation."))
    live_revision_pk = models.PositiveBigIntegerField(
        _("built from revision"), null=True, help_text=_("The page's live revision when it was built.")
    )
    built_at = models.DateTimeField(_("built at"), default=timezone.now)

    class Meta:
        verbose_name = _("page API snapshot")
        verbose_name_plural = _("page API snapshots")

    def __str__(self) -> str:
        return f"API snapshot of page {self.page_id}"

    def is_current_for(self, page: models.Model) -> bool:
        return self.live_revision_pk == page.live_revision_id

    @classmethod
    def current_for_outer_page(cls) -> models.QuerySet:
        """is_current_for in SQL, for a subquery on pages; a page created live has no revision, nor its snapshot."""
        return cls.objects.annotate(built_from=Coalesce("live_revision_pk", 0)).filter(
            page=OuterRef("pk"), built_from=Coalesce(OuterRef("live_revision_id"), 0)
        )


class PageAPISnapshotDependency(models.Model):
    """An object a snapshot inlines or looked for (a person, image, linked page…): its change deletes the snapshot."""

    snapshot = models.ForeignKey(PageAPISnapshot, on_delete=models.CASCADE, related_name="dependencies")
    model_label = models.CharField(_("model"), max_length=100, help_text=_("e.g. projects.person"))
    object_id = models.PositiveBigIntegerField(_("object id"))

    class Meta:
        verbose_name = _("page API snapshot dependency")
        verbose_name_plural = _("page API snapshot dependencies")
        indexes = [models.Index(fields=["model_label", "object_id"], name="projects_snapshot_dep_idx")]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}"
