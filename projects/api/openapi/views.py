"""The OpenAPI document as compact JSON, and a docs page rendered from it with nothing fetched from elsewhere."""

import hashlib
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views import View
from wagtail.api.v2.router import WagtailAPIRouter

from .docs import docs_context
from .document import openapi_document

MAX_AGE = 300


def _cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Public caching with an ETag of the content; a matching If-None-Match gets a 304."""
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)


class OpenAPIDocumentView(View):
    """GET the OpenAPI 3.1 document of the router's endpoints."""

    router: WagtailAPIRouter | None = None

    def get(self, request: HttpRequest) -> HttpResponse:
        body = json.dumps(openapi_document(self.router), separators=(",", ":"), ensure_ascii=False)
        return _cacheable(request, HttpResponse(body, content_type="application/json"))


class APIDocsView(View):
    """GET a readable page of the endpoints, their parameters and the shapes of their JSON."""

    router: WagtailAPIRouter | None = None

    def get(self, request: HttpRequest) -> HttpResponse:
        context = docs_context(openapi_document(self.router))
        return _cacheable(request, render(request, "projects/api/docs.html", context))
