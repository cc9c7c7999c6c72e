"""Where a page's search document lies, as tokens of the text index, so counting the matches reads the index alone.

The exact ``meta.total_count`` of a search asked the database to look up every matching page (live? public? on
this site? of this type?): for a word of every report that is a random read of three tables per report, most
of a request at 20,000 reports, while the text index alone counts them a hundred times faster. Documents exist
only for live pages without view restrictions, and are rebuilt when a page is published, unpublished, moved or
restricted (projects.search.index, signal_handlers), so what a count still needs to know of a document is the
page's type and where in the tree it lies. ``SearchDocument.scope`` holds both as tokens:

- ``xm`` + the hex of the page type's label (``projects.eventreportpage``): letters and digits only, so the
  tokenizer keeps it one token;
- ``xp`` + each prefix of the page's tree path (every ancestor's path and its own): "below this site's root
  page or one of its translations" is then one token of the root's path, at whatever depth the root lies.

People's queries never reach this column: query.Search matches every column but this one.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Page

SCOPE_COLUMN = "scope"
TYPE_PREFIX = "xm"
PATH_PREFIX = "xp"


def type_token(label: str) -> str:
    """The token of a page type, from its lower-case label ("app_label.model")."""
    return TYPE_PREFIX + label.lower().encode().hex()


def path_tokens(path: str) -> list[str]:
    """The tokens of a tree path: one for each ancestor's path and one for its own."""
    return [PATH_PREFIX + path[:end].lower() for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def page_scope(page: Page) -> str:
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    return " ".join([type_token(f"{content_type.app_label}.{content_type.model}"), *path_tokens(page.path)])


def listing_type_tokens(model: type[Page]) -> tuple[str, ...]:
    """The type tokens of the pages a listing of ``model`` shows: its own and its subclasses' (none for Page: any)."""
    if model is Page:
        return ()
    return tuple(
        type_token(candidate._meta.label_lower)
        for candidate in apps.get_models()
        if issubclass(candidate, model) and not candidate._meta.proxy
    )


@dataclass(frozen=True)
class SearchScope:
    """The public pages of a listing, as a count of matches reads them from the documents.

    ``roots`` are the pages whose descendants the listing shows (a site's root page and its translations), as a
    queryset of their paths the count asks for in its own query; ``type_tokens`` the listing's page types (empty:
    any page).
    """

    roots: models.QuerySet
    type_tokens: tuple[str, ...] = ()
