"""Kronika's search as a Wagtail search backend, so the admin's page, snippet, image and document search use it.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "projects.search.backend"}}``: Wagtail's public extension point
for search: every admin listing, chooser and ``queryset.search()``/``.autocomplete()`` goes through the
default backend, so one setting reaches them all with no admin view overridden. Words are matched against
Kronika's search documents; editors also find anything whose title or name contains what they typed, as
Wagtail's own database search does, so drafts, restricted pages and people not shown publicly stay findable
in the admin (only there: the documents, which the API searches, hold nothing that is not public).
Indexing calls are no-ops: documents follow content through projects.search.signal_handlers, reading only
what is live and public.
"""

import unicodedata

from django.db import models
from modelsearch.backends.database.fallback import (
    MATCH_NONE,
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)
from modelsearch.query import Phrase, PlainText
from wagtail.coreutils import get_content_languages

from .analysis import language_of
from .query import Search, SearchInputError, matching_ids, search_queryset

TITLE_FIELDS = ("title", "name")


def _languages() -> tuple[str, ...]:
    return tuple(dict.fromkeys(language_of(code) for code in get_content_languages()))


class KronikaSearchQueryCompiler(DatabaseSearchQueryCompiler):
    prefix_last_word = False

    def check(self) -> None:
        # Results are the queryset filtered by the ORM, so any filter or order of it works: nothing to refuse.
        return None

    def search_of(self, query) -> Search | None:
        if not isinstance(query, PlainText | Phrase):
            return None
        operator = getattr(query, "operator", "and")
        try:
            return Search.parse(query.query_string, _languages(), operator, prefix_last_word=self.prefix_last_word)
        except SearchInputError:
            return None

    def build_database_filter(self, query, boost: float = 1.0):
        if not isinstance(query, PlainText | Phrase):
            return super().build_database_filter(query, boost)
        search = self.search_of(query)
        if search is None:
            return MATCH_NONE
        model = self.queryset.model
        condition = models.Q(pk__in=matching_ids(model, search, using=self.queryset.db))
        title = next((name for name in TITLE_FIELDS if _has_field(model, name)), None)
        typed = _printable(query.query_string).strip()
        if title is not None and typed:
            condition |= models.Q(**{f"{title}__icontains": typed})
        return condition


class KronikaAutocompleteQueryCompiler(KronikaSearchQueryCompiler):
    """As typed in the admin's search box: the last word may be the start of one ("Gnie" finds "Gniezno")."""

    prefix_last_word = True


def _printable(text: str) -> str:
    """What was typed without control characters: PostgreSQL refuses a NUL in any text parameter."""
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


class KronikaSearchResults(DatabaseSearchResults):
    def get_queryset(self):
        return self._matching()[self.start : self.stop]

    def _do_search(self):
        # A page within the ranked candidates comes as a list (projects.search.query.RankedResults), not a queryset.
        page = self.get_queryset()
        return iter(page) if isinstance(page, list) else page.iterator(self.iterator_chunk_size)

    def _do_count(self):
        total = self._matching().count()
        stop = total if self.stop is None else min(total, self.stop)
        return max(0, stop - self.start)

    def _matching(self) -> models.QuerySet:
        compiler = self.query_compiler
        queryset = compiler.queryset
        condition = compiler.build_database_filter(compiler.query)
        if condition == MATCH_NONE:
            queryset = queryset.none()
        elif isinstance(condition, models.Q):
            queryset = queryset.filter(condition)
        search = compiler.search_of(compiler.query)
        if compiler.order_by_relevance and search is not None:
            queryset = search_queryset(queryset, search, rank=True, filter_matches=False)
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset


class KronikaSearchBackend(DatabaseSearchBackend):
    query_compiler_class = KronikaSearchQueryCompiler
    autocomplete_query_compiler_class = KronikaAutocompleteQueryCompiler
    results_class = KronikaSearchResults


SearchBackend = KronikaSearchBackend
