"""The short, highlighted excerpt of a result that shows where it matched (meta.search_snippet)."""

from collections.abc import Sequence

from django.db import models
from django.utils.html import escape

from ..models import SearchDocument
from .analysis import STEM_MARK, TOKEN, fold, stems
from .index import content_type_of, root_model
from .query import Search

WORDS_BEFORE = 8
WORDS_AFTER = 22
ELLIPSIS = "…"


def highlight(text: str, language: str, search: Search) -> str | None:
    """About 30 words of the text around its first match, HTML-escaped, the matching words in <mark>; None if none.

    The first line (the title, which a result shows anyway) is used only when nothing else matches.
    """
    wanted_words = {word.word for word in search.words}
    wanted_stems = {stem for word in search.words for stem in word.stems}

    def matches(token: str) -> bool:
        if fold(token) in wanted_words:
            return True
        return any(STEM_MARK + stem in wanted_stems for stem in stems(token, language))

    title_end = text.find("\n")
    for start_at in ([title_end + 1] if title_end >= 0 else []) + [0]:
        tokens = [match for match in TOKEN.finditer(text) if match.start() >= start_at]
        hits = [position for position, token in enumerate(tokens) if matches(token.group())]
        if hits:
            return _excerpt(text, tokens, hits, start_at)
    return None


def _excerpt(text: str, tokens: Sequence, hits: list[int], start_at: int) -> str:
    first = max(0, hits[0] - WORDS_BEFORE)
    last = min(len(tokens) - 1, hits[0] + WORDS_AFTER)
    begin = tokens[first].start() if first > 0 else start_at
    end = tokens[last].end() if last < len(tokens) - 1 else len(text)
    marked = set(hits)
    parts, cursor = [], begin
    for position in range(first, last + 1):
        token = tokens[position]
        if position in marked:
            parts.append(escape(text[cursor : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            cursor = token.end()
    parts.append(escape(text[cursor:end]))
    excerpt = " ".join("".join(parts).split())
    return (ELLIPSIS if first > 0 else "") + excerpt + (ELLIPSIS if end < len(text) else "")


def snippets_of(items: Sequence[models.Model], search: Search) -> dict[tuple[type, int], str | None]:
    """The snippet of each item, keyed by (root model, pk), from one query for their documents."""
    by_model: dict[type, list[int]] = {}
    for item in items:
        by_model.setdefault(root_model(type(item)), []).append(item.pk)
    found: dict[tuple[type, int], str | None] = {}
    for model, ids in by_model.items():
        documents = SearchDocument.objects.filter(content_type=content_type_of(model), object_id__in=ids).only(
            "object_id", "language", "text"
        )
        for document in documents:
            found[(model, document.object_id)] = highlight(document.text, document.language, search)
    return found
