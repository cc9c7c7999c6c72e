"""The one router of Kronika's public API (Wagtail API v2)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from projects.api.changes import ChangesAPIViewSet
from projects.api.v3_preview import v3_preview_urls

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("changes", ChangesAPIViewSet)

# Wagtail's v3 API is a preview: mounted for our authenticated tools, never for partners.
api_v3_preview_urls = v3_preview_urls()
