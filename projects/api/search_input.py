"""The ?search= of every endpoint, checked once at the API boundary, before any search engine sees it.

Whatever answers the search (Kronika's folded matching, Wagtail's search backends), it gets a query of at
most MAX_SEARCH_WORDS words and MAX_SEARCH_LENGTH characters with no control characters, and full-text
engines get only the letters and digits of each word. Stock Wagtail passes the raw text on: a quote or a
semicolon is an FTS5 syntax error on SQLite, NUL is refused by PostgreSQL, and a few thousand words
overflow the recursion of its query builder (wagtail#4701); each was a 500.
"""

import re
from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.api.v2.utils import BadRequestError

from .errors import has_control_characters

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 20
SEARCH_OPERATORS = ("and", "or")
_TERM = re.compile(r"\w+")


@dataclass(frozen=True)
class RequestedSearch:
    """A checked ?search=: its words as typed (split on spaces), and whether all or any must match."""

    words: tuple[str, ...]
    operator: str

    @property
    def terms(self) -> tuple[str, ...]:
        """The runs of letters and digits in the words: no full-text syntax survives, so none needs escaping."""
        return tuple(term for word in self.words for term in _TERM.findall(word))

    def engine_query(self) -> str:
        return " ".join(self.terms)


def requested_search(request: HttpRequest) -> RequestedSearch | None:
    """The request's search, or None when it asks for none; anything malformed is a 400 with a message."""
    operator = request.GET.get("search_operator", "and")
    if operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if "search" not in request.GET:
        return None
    query = request.GET["search"]
    if len(query) > MAX_SEARCH_LENGTH:
        raise BadRequestError(f"search is longer than {MAX_SEARCH_LENGTH} characters")
    if has_control_characters(query):
        raise BadRequestError("search may not contain control characters (such as NUL)")
    words = tuple(query.split())
    if len(words) > MAX_SEARCH_WORDS:
        raise BadRequestError(f"search has more than {MAX_SEARCH_WORDS} words")
    search = RequestedSearch(words, operator)
    if not search.terms:
        raise BadRequestError("search needs at least one word of letters or digits")
    return search
