"""The search read model: one pre-analysed document per public page, snippet, image and document."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What search finds an object by: its public text, analysed (see projects.search.analysis) per field.

    The *_words and *_stems columns hold tokens only; the database indexes them as they are (an FTS5
    table on SQLite, a weighted tsvector with a GIN index on PostgreSQL, both made by the migration).
    ``text`` keeps the text as written, for the highlighted snippet of a result. ``scope`` says where a page's
    document lies (projects.search.scope), so an exact count of matches needs the text index alone.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=20)
    title_words = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    summary_words = models.TextField(blank=True)
    summary_stems = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    text = models.TextField(blank=True)
    scope = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_document"),
        ]

    def __str__(self) -> str:
        return f"search document of {self.content_type_id}:{self.object_id}"
