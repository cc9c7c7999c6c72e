"""Rich text for partners: HTML with internal page and document links expanded to absolute URLs."""

import re

from django.http import HttpRequest
from wagtail.api.rich_text import APIRichText
from wagtail.rich_text import expand_db_html

from .representations import absolute_url

# A link Wagtail stores by id: <a linktype="page" id="12"> or <a id="3" linktype="document">.
_STORED_LINK = re.compile(r'<a\s+(?=[^>]*\blinktype="(page|document)")(?=[^>]*\bid="(\d+)")[^>]*>')
# A root-relative href/src ("/pl/projekty/…", "/documents/3/…"), not a protocol-relative "//host/…".
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)(")')


def stored_links(source: str) -> set[tuple[str, int]]:
    """The (link type, id) of every page and document link stored in rich text."""
    return {(kind, int(pk)) for kind, pk in _STORED_LINK.findall(source or "")}


def rich_text_representation(
    source: str,
    request: HttpRequest | None,
    rich_text_format: str | None,
    link_urls: dict[tuple[str, int], str | None] | None = None,
) -> str:
    """HTML with absolute links by default; another ?rich_text_format= Wagtail knows when asked for.

    `link_urls` holds the URLs of the stored links, looked up once for a whole page of results;
    a link to something not public loses its href.
    """
    rich_text_format = rich_text_format or APIRichText.FORMAT_HTML
    if rich_text_format != APIRichText.FORMAT_HTML:
        return APIRichText.serialize(source, format=rich_text_format)
    html = source or ""
    if link_urls is not None:

        def resolved(match: re.Match) -> str:
            url = link_urls.get((match[1], int(match[2])))
            return f'<a href="{url}">' if url else "<a>"

        html = _STORED_LINK.sub(resolved, html)
    html = expand_db_html(html)
    return _ROOT_RELATIVE.sub(lambda match: match[1] + absolute_url(request, match[2]) + match[3], html)


def requested_rich_text_format(request: HttpRequest | None) -> str | None:
    """The ?rich_text_format= of the request (the view has validated it), or None for the default."""
    return request.GET.get("rich_text_format") if request is not None else None
