"""Searching the documents: a query analysed like the text, matched through the database's own text index.

The query reaches the database only as tokens the analysis made (letters or digits), each quoted and passed as
a parameter: no character anyone types is FTS5 or tsquery syntax, so no input can make the query fail.
Ranking is bounded: the newest RANKED_CANDIDATES matches are ranked, and so are up to that many older ones that
match in the title (ranked_ids); the rest follow them. On SQLite, an API listing's exact count of the matches is
read from the text index alone (count_in_scope, projects.search.scope).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import F
from django.db.models.expressions import RawSQL

from .analysis import QueryWord, analyse_query
from .index import content_type_of
from .scope import PATH_PREFIX, SCOPE_COLUMN, SearchScope

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 20
OPERATORS = ("and", "or")
FTS_TABLE = "projects_searchdocument_fts"
# bm25 weights of the FTS5 columns: title words, title stems, summary words, summary stems, body words, body stems,
# and the scope (no text: never matched by a query, see fts5_match).
FTS5_WEIGHTS = "20.0, 16.0, 6.0, 5.0, 1.5, 1.2, 0.0"


# Whatever the scores, a match of the whole query in the title comes first, then one in the summary: the
# databases' scores saturate (bm25) or add up (ts_rank), so field weights alone cannot promise that order.
TITLE_TIER = 100.0
SUMMARY_TIER = 10.0
# The newest this many matches are ranked; the rest follow them by id (see ranked_ids).
RANKED_CANDIDATES = 300
# ts_rank's weights of the labels D, C, B, A: body stems, body words, summary, title (see the migration).
POSTGRES_WEIGHTS = "{0.1, 0.15, 0.4, 1.0}"


class SearchInputError(ValueError):
    """A query that cannot be searched for; its message says why, for the person who typed it."""


@dataclass(frozen=True)
class Search:
    """A parsed query: its words with their stems, and whether all (and) or any (or) must match."""

    text: str
    words: tuple[QueryWord, ...]
    operator: str = "and"
    # As typed in a search box: the last word may be the start of a word.
    prefix_last_word: bool = False

    @classmethod
    def parse(
        cls, text: str, languages: Iterable[str], operator: str | None = None, *, prefix_last_word: bool = False
    ) -> "Search":
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
        return cls(text, tuple(words), operator, prefix_last_word)

    def _alternatives(self, word: QueryWord) -> list[str]:
        return [word.word, *word.stems]

    def _is_prefix(self, word: QueryWord) -> bool:
        return self.prefix_last_word and word is self.words[-1]

    def _fts5_terms(self) -> str:
        joiner = " AND " if self.operator == "and" else " OR "
        return joiner.join(
            "("
            + " OR ".join(f'"{token}"' for token in self._alternatives(word))
            + (f' OR "{word.word}" *' if self._is_prefix(word) else "")
            + ")"
            for word in self.words
        )

    def fts5_match(self) -> str:
        """The words in any column of text: not in the scope, whose tokens are not words (projects.search.scope)."""
        return f"- {{{SCOPE_COLUMN}}} : ({self._fts5_terms()})"

    def fts5_phrase(self) -> str:
        phrase = " ".join(word.word for word in self.words)
        return f'{{title_words summary_words body_words}} : "{phrase}"'

    def fts5_match_in(self, columns: str) -> str:
        return f"{{{columns}}} : ({self._fts5_terms()})"

    def tsquery_match(self, weights: str = "") -> str:
        joiner = " & " if self.operator == "and" else " | "
        suffix = f":{weights}" if weights else ""
        return joiner.join(
            "("
            + " | ".join(f"'{token}'{suffix}" for token in self._alternatives(word))
            + (f" | '{word.word}':*{weights}" if self._is_prefix(word) else "")
            + ")"
            for word in self.words
        )

    def tsquery_phrase(self) -> str:
        return " <-> ".join(f"'{word.word}'" for word in self.words)


def matching_ids(model: type[models.Model], search: Search, using: str = "default") -> RawSQL:
    """The ids of the objects of a model whose document matches, as a subquery driven by the text index.

    From the index outwards: the matches first, then their documents by primary key, so the cost follows the
    matches rather than the number of documents of the model.
    """
    content_type_id = content_type_of(model).pk
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return RawSQL(
            "SELECT object_id FROM projects_searchdocument "
            "WHERE content_type_id = %s AND search_vector @@ to_tsquery('simple', %s)",
            [content_type_id, search.tsquery_match()],
        )
    if vendor == "sqlite":
        # Constant table names; the query is a parameter. CROSS JOIN keeps the FTS5 scan outside.
        sql = (
            f"SELECT d.object_id FROM {FTS_TABLE} CROSS JOIN projects_searchdocument d "  # noqa: S608
            f"ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND d.content_type_id = %s"
        )
        return RawSQL(sql, [search.fts5_match(), content_type_id])  # noqa: S611
    raise NotImplementedError(f"search needs SQLite or PostgreSQL, not {vendor}")


def count_in_scope(search: Search, scope: SearchScope, using: str = "default") -> int:
    """How many pages of the scope match, from the text index alone (SQLite): exact, since the documents are of
    live, unrestricted pages only and their scope tokens say the page's type and its place in the tree.

    One query: the paths of the scope's roots are read inside it, turned into the tokens of the match.
    """
    roots_sql, roots_params = scope.roots.values("path").query.sql_with_params()
    match = f"({search.fts5_match()})"
    if scope.type_tokens:
        match += f" AND {SCOPE_COLUMN} : (" + " OR ".join(f'"{token}"' for token in scope.type_tokens) + ")"
    # No root (no site): a token no document has, so the count is 0.
    roots = (
        f"coalesce((SELECT group_concat('\"{PATH_PREFIX}' || lower(path) || '\"', ' OR ') "  # noqa: S608
        f"FROM ({roots_sql})), '\"{PATH_PREFIX}\"')"
    )
    sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH (%s || {roots} || ')')"  # noqa: S608
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [f"{match} AND {SCOPE_COLUMN} : (", *roots_params])
        return cursor.fetchone()[0]


def _sqlite_ranked_ids(search: Search, content_type_id: int, cursor) -> list[int]:
    """The candidates, best first, from FTS5: each score (the words, the phrase, the title and summary tiers) is
    one scan of the matches from the newest candidate's rowid on, which FTS5 seeks to in its doclists."""
    newest = (
        f"WITH bound AS (SELECT coalesce(min(rowid), 0) AS low FROM (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s)) "
    )
    joined = (
        # CROSS JOIN keeps the FTS5 scan outside: SQLite would otherwise match once per document row.
        f"FROM {FTS_TABLE} CROSS JOIN projects_searchdocument d ON d.id = {FTS_TABLE}.rowid "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid >= (SELECT low FROM bound) AND d.content_type_id = %s"
    )
    sql = (
        newest + "SELECT object_id FROM ("  # noqa: S608 - constant names; the queries are parameters
        f"SELECT d.object_id, bm25({FTS_TABLE}, {FTS5_WEIGHTS}) AS score {joined} "
        f"UNION ALL SELECT d.object_id, bm25({FTS_TABLE}, {FTS5_WEIGHTS}) {joined} "
        f"UNION ALL SELECT d.object_id, -{TITLE_TIER} {joined} "
        f"UNION ALL SELECT d.object_id, -{SUMMARY_TIER} {joined}"
        # Older than the newest candidates but matching in the title: ranked too, in the title's tier.
        f" UNION ALL SELECT object_id, score FROM (SELECT d.object_id, bm25({FTS_TABLE}, {FTS5_WEIGHTS}) "
        f"- {TITLE_TIER} AS score FROM {FTS_TABLE} CROSS JOIN projects_searchdocument d ON d.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid < (SELECT low FROM bound) AND d.content_type_id = %s "
        f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s)"
        ") GROUP BY object_id ORDER BY SUM(score), object_id"
    )
    title_match = search.fts5_match_in("title_words title_stems")
    params: list = [search.fts5_match(), RANKED_CANDIDATES]
    for expression in (
        search.fts5_match(),
        search.fts5_phrase(),
        title_match,
        search.fts5_match_in("summary_words summary_stems"),
    ):
        params += [expression, content_type_id]
    params += [title_match, content_type_id, RANKED_CANDIDATES]
    cursor.execute(sql, params)
    return [row[0] for row in cursor.fetchall()]


def _postgres_ranked_ids(search: Search, content_type_id: int, cursor) -> list[int]:
    """The candidates, best first, by ts_rank: the words (as typed or as stems) plus the words as typed together
    and in order within one field, so whole words and phrases rank above stems; tiers first."""
    sql = (
        # The newest matches, and up to as many older ones that match in the title.
        "WITH candidates AS ((SELECT id FROM projects_searchdocument WHERE content_type_id = %s "  # noqa: S608
        "AND search_vector @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT %s) UNION "
        "(SELECT id FROM projects_searchdocument WHERE content_type_id = %s "
        "AND search_vector @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT %s)) "
        "SELECT d.object_id FROM projects_searchdocument d JOIN candidates c ON c.id = d.id ORDER BY "
        "ts_rank(%s::float4[], d.search_vector, to_tsquery('simple', %s), 1) "
        "+ ts_rank(%s::float4[], d.search_vector, to_tsquery('simple', %s), 1) "
        f"+ CASE WHEN d.search_vector @@ to_tsquery('simple', %s) THEN {TITLE_TIER} ELSE 0 END "
        f"+ CASE WHEN d.search_vector @@ to_tsquery('simple', %s) THEN {SUMMARY_TIER} ELSE 0 END DESC, d.object_id"
    )
    params = [content_type_id, search.tsquery_match(), RANKED_CANDIDATES]
    params += [content_type_id, search.tsquery_match("A"), RANKED_CANDIDATES]
    params += [POSTGRES_WEIGHTS, search.tsquery_match(), POSTGRES_WEIGHTS, search.tsquery_phrase()]
    params += [search.tsquery_match("A"), search.tsquery_match("B")]
    cursor.execute(sql, params)
    return [row[0] for row in cursor.fetchall()]


def ranked_ids(search: Search, content_type_id: int, using: str = "default") -> list[int]:
    """The ids of the newest RANKED_CANDIDATES matching objects, and of up to as many older ones matching in the
    title, best first, from one query of the text index. So a report named by the words comes first however old.

    Ranking reads each candidate's scores, so it is bounded by the candidates rather than by everything that
    matches: a word in every report costs what a rare one does. The documents are rebuilt when their content
    is published, so the newest documents are those of the content published or changed last.
    """
    vendor = connections[using].vendor
    with connections[using].cursor() as cursor:
        if vendor == "sqlite":
            return _sqlite_ranked_ids(search, content_type_id, cursor)
        if vendor == "postgresql":
            return _postgres_ranked_ids(search, content_type_id, cursor)
    raise NotImplementedError(f"search needs SQLite or PostgreSQL, not {vendor}")


class PositionIn(models.Expression):
    """Where a primary key stands in a list of ids (1 for the first), NULL when it is not there: one parameter
    however long the list, and a lookup the database does per row without a CASE branch per id."""

    output_field = models.IntegerField()

    def __init__(self, pk: models.Expression, ids: list[int]) -> None:
        super().__init__()
        self.pk = pk
        self.ids = ids

    def get_source_expressions(self) -> list:
        return [self.pk]

    def set_source_expressions(self, expressions: list) -> None:
        (self.pk,) = expressions

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        if connection.vendor == "postgresql":
            return f"array_position(%s::bigint[], {pk_sql})", [self.ids, *pk_params]
        # Positions in a comma-separated string grow with the position in the list.
        listed = "," + ",".join(str(int(pk)) for pk in self.ids) + ","
        return f"NULLIF(instr(%s, ',' || {pk_sql} || ','), 0)", [listed, *pk_params]


def search_queryset(
    queryset: models.QuerySet,
    search: Search,
    rank: bool = True,
    filter_matches: bool = True,
    scope: SearchScope | None = None,
) -> models.QuerySet:
    """The objects of the queryset whose document matches; with rank, best first.

    filter_matches=False ranks a queryset its caller filtered already (objects without a match come last).
    ``scope``: the queryset is exactly the public pages of that scope (nothing else filters it), so on SQLite the
    ranked results count the matches from the text index (count_in_scope).
    """
    unfiltered = queryset
    if filter_matches:
        queryset = queryset.filter(pk__in=matching_ids(queryset.model, search, using=queryset.db))
    if not rank:
        return queryset
    ranked = ranked_ids(search, content_type_of(queryset.model).pk, queryset.db)
    ordered = queryset.annotate(search_rank=PositionIn(F("pk"), ranked)).order_by(
        F("search_rank").asc(nulls_last=True), "pk"
    )
    count = None
    if scope is not None and filter_matches and connections[queryset.db].vendor == "sqlite":
        using = queryset.db

        def count() -> int:
            return count_in_scope(search, scope, using)

    return ranked_results(ordered, ranked, unfiltered, count)


class RankedResults:
    """Mixed into a queryset in rank order: a page within the ranked candidates is read from them alone.

    Ordering every match by its position to return the first 20 reads every match; when the page asked for
    lies within the candidates that pass the queryset's other filters (the usual first pages), one query of
    those candidates answers it, whatever the number of matches. Past them, or
    once anything filters or orders the queryset further, it is the plain queryset. count() stays exact: from the
    text index when the caller gave a way to (search_queryset's scope), else the database's count of the queryset.
    """

    plain_class: type[models.QuerySet]
    _search_ranked: list[int]
    _search_source: models.QuerySet  # the queryset before the match filter: candidates match by definition
    _search_query: tuple = ()
    _search_count: Callable[[], int] | None = None

    def _clone(self):
        clone = super()._clone()
        clone._search_ranked = self._search_ranked
        clone._search_source = self._search_source
        clone._search_query = self._search_query
        clone._search_count = self._search_count
        return clone

    def count(self) -> int:
        if self._search_count is not None and self._result_cache is None and self._query_unchanged():
            return self._search_count()
        return super().count()

    def __getitem__(self, key):
        if isinstance(key, slice) and self._result_cache is None and self._query_unchanged():
            page = self._page_from_candidates(key.start or 0, key.stop)
            if page is not None:
                return page
        return super().__getitem__(key)

    def _query_unchanged(self) -> bool:
        return self._search_query == (self.query.where, tuple(self.query.order_by), self.query.distinct)

    def _page_from_candidates(self, start: int, stop: int | None) -> list | None:
        ranked = self._search_ranked
        if stop is None or start < 0 or stop > len(ranked):
            return None
        # The first `stop` candidates that pass the queryset's filters, best first: the page, when there are enough.
        candidates = self._search_source.filter(pk__in=ranked).annotate(search_rank=PositionIn(F("pk"), ranked))
        rows = list(candidates.order_by("search_rank")[:stop])
        if len(rows) < stop:
            return None
        return rows[start:]


_RANKED_CLASSES: dict[type, type] = {}


def ranked_results(
    ordered: models.QuerySet, ranked: list[int], source: models.QuerySet, count: Callable[[], int] | None = None
) -> models.QuerySet:
    plain_class = type(ordered)
    ranked_class = _RANKED_CLASSES.get(plain_class)
    if ranked_class is None:
        ranked_class = type(f"Ranked{plain_class.__name__}", (RankedResults, plain_class), {"plain_class": plain_class})
        _RANKED_CLASSES[plain_class] = ranked_class
    result = ordered._chain()
    result.__class__ = ranked_class
    result._search_ranked = ranked
    result._search_source = source
    result._search_query = (ordered.query.where, tuple(ordered.query.order_by), ordered.query.distinct)
    result._search_count = count
    return result
