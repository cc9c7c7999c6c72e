"""Rich text for partners: HTML with internal page and document links expanded to absolute URLs."""

import re

from django.http import HttpRequest
from wagtail.api.rich_text import APIRichText
from wagtail.rich_text import expand_db_html

from .representations import absolute_url

# A root-relative href/src ("/pl/projekty/…", "/documents/3/…"), not a protocol-relative "//host/…".
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)(")')


def rich_text_representation(source: str, request: HttpRequest | None, rich_text_format: str | None) -> str:
    """HTML with absolute links by default; another ?rich_text_format= Wagtail knows when asked for."""
    rich_text_format = rich_text_format or APIRichText.FORMAT_HTML
    if rich_text_format != APIRichText.FORMAT_HTML:
        return APIRichText.serialize(source, format=rich_text_format)
    html = expand_db_html(source or "")
    return _ROOT_RELATIVE.sub(lambda match: match[1] + absolute_url(request, match[2]) + match[3], html)


def requested_rich_text_format(request: HttpRequest | None) -> str | None:
    """The ?rich_text_format= of the request (the view has validated it), or None for the default."""
    return request.GET.get("rich_text_format") if request is not None else None
