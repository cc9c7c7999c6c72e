"""Searching the documents: a query analysed like the text, matched through the database's own text index.

The query reaches the database only as tokens the analysis made (letters or digits), each quoted and passed as
a parameter: no character anyone types is FTS5 or tsquery syntax, so no input can make the query fail.
Smaller ranks are better on both databases, so callers order ascending.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from ..models import SearchDocument
from .analysis import QueryWord, analyse_query
from .index import content_type_of

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 20
OPERATORS = ("and", "or")
FTS_TABLE = "projects_searchdocument_fts"
# bm25 weights of the FTS5 columns: title words, title stems, summary words, summary stems, body words, body stems.
FTS5_WEIGHTS = "10.0, 5.0, 4.0, 2.0, 1.5, 1.0"
# Added to the rank of a document holding the query's words together, in order, within one field.
PHRASE_BONUS = 1000.0


class SearchInputError(ValueError):
    """A query that cannot be searched for; its message says why, for the person who typed it."""


@dataclass(frozen=True)
class Search:
    """A parsed query: its words with their stems, and whether all (and) or any (or) must match."""

    text: str
    words: tuple[QueryWord, ...]
    operator: str = "and"

    @classmethod
    def parse(cls, text: str, languages: Iterable[str], operator: str | None = None) -> "Search":
        operator = operator or "and"
        if operator not in OPERATORS:
            raise SearchInputError("search_operator must be 'and' or 'or'")
        if len(text) > MAX_SEARCH_LENGTH:
            raise SearchInputError(f"search is longer than {MAX_SEARCH_LENGTH} characters")
        words = analyse_query(text, tuple(languages))
        if not words:
            raise SearchInputError("search needs at least one word")
        if len(words) > MAX_SEARCH_WORDS:
            raise SearchInputError(f"search has more than {MAX_SEARCH_WORDS} words")
        return cls(text, tuple(words), operator)

    def _alternatives(self, word: QueryWord) -> list[str]:
        return [word.word, *(stem for stem in word.stems if stem[1:] != "" and stem != word.word)]

    def fts5_match(self) -> str:
        joiner = " AND " if self.operator == "and" else " OR "
        return joiner.join(
            "(" + " OR ".join(f'"{token}"' for token in self._alternatives(word)) + ")" for word in self.words
        )

    def fts5_phrase(self) -> str:
        phrase = " ".join(word.word for word in self.words)
        return f'{{title_words summary_words body_words}} : "{phrase}"'

    def tsquery_match(self) -> str:
        joiner = " & " if self.operator == "and" else " | "
        return joiner.join(
            "(" + " | ".join(f"'{token}'" for token in self._alternatives(word)) + ")" for word in self.words
        )

    def tsquery_phrase(self) -> str:
        return " <-> ".join(f"'{word.word}'" for word in self.words)


def _vendor(queryset: models.QuerySet) -> str:
    return connections[queryset.db].vendor


def _matching_documents_sql(search: Search, vendor: str) -> RawSQL:
    if vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM projects_searchdocument WHERE search_vector @@ to_tsquery('simple', %s)",
            [search.tsquery_match()],
        )
    if vendor == "sqlite":
        return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [search.fts5_match()])
    raise NotImplementedError(f"search needs SQLite or PostgreSQL, not {vendor}")


class DocumentRank(models.Expression):
    """The rank of one search document for a search (smaller is better), from the database's own ranking."""

    output_field = models.FloatField()

    def __init__(self, document_id: models.Expression, search: Search) -> None:
        super().__init__()
        self.document_id = document_id
        self.search = search

    def get_source_expressions(self) -> list:
        return [self.document_id]

    def set_source_expressions(self, expressions: list) -> None:
        (self.document_id,) = expressions

    def as_sql(self, compiler, connection):
        document_sql, document_params = compiler.compile(self.document_id)
        if connection.vendor == "postgresql":
            sql = (
                "(SELECT -(ts_rank(rd.search_vector, to_tsquery('simple', %s), 1) "
                f"+ CASE WHEN rd.search_vector @@ to_tsquery('simple', %s) THEN {PHRASE_BONUS} ELSE 0 END) "
                f"FROM projects_searchdocument rd WHERE rd.id = {document_sql})"
            )
            params = [self.search.tsquery_match(), self.search.tsquery_phrase(), *document_params]
        else:
            sql = (
                f"((SELECT bm25({FTS_TABLE}, {FTS5_WEIGHTS}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND rowid = {document_sql}) "
                f"- COALESCE((SELECT {PHRASE_BONUS} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"AND rowid = {document_sql}), 0))"
            )
            params = [self.search.fts5_match(), *document_params, self.search.fts5_phrase(), *document_params]
        return sql, params


def matching_documents(model: type[models.Model], search: Search, using: str = "default") -> models.QuerySet:
    vendor = connections[using].vendor
    return SearchDocument.objects.using(using).filter(
        content_type=content_type_of(model), id__in=_matching_documents_sql(search, vendor)
    )


def search_queryset(queryset: models.QuerySet, search: Search, rank: bool = True) -> models.QuerySet:
    """The objects of the queryset whose document matches; with rank, annotated ``search_rank`` and best first."""
    documents = matching_documents(queryset.model, search, using=queryset.db)
    queryset = queryset.filter(pk__in=documents.values("object_id"))
    if not rank:
        return queryset
    ranks = (
        SearchDocument.objects.filter(content_type=content_type_of(queryset.model), object_id=OuterRef("pk"))
        .annotate(rank=DocumentRank(F("id"), search))
        .values("rank")[:1]
    )
    return queryset.annotate(search_rank=Subquery(ranks, output_field=models.FloatField())).order_by(
        "search_rank", "pk"
    )
