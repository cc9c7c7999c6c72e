"""Kronika's routes: the public API with its OpenAPI document and docs, headless previews, v3 preview and feeds.

A site mounts them all with one line before Wagtail's page route: ``path("", include("projects.urls"))``
(README, "Add Kronika to your Wagtail site"). The paths are fixed below the site's root because the API's
caching and rate limits find them by prefix (``KRONIKA_API_PATH_PREFIX``, ``KRONIKA_FEEDS_PATH_PREFIX``).
"""

from django.urls import include, path

from .api.openapi.views import APIDocsView, OpenAPIDocumentView
from .api.router import api_router
from .api.v3_preview import v3_preview_urls
from .preview.views import draft_preview

urlpatterns = [
    path("api/v2/openapi.json", OpenAPIDocumentView.as_view(router=api_router), name="api-openapi"),
    path("api/v2/docs/", APIDocsView.as_view(router=api_router), name="api-docs"),
    path("api/v2/", api_router.urls),
    # Wagtail's v3 API is a preview: mounted for our authenticated tools, never for partners.
    path("api/v3-preview/", v3_preview_urls()),
    path("api/preview/", draft_preview, name="kronika-preview"),
    path("feeds/", include("projects.feeds.urls")),
]
