"""The one router of Kronika's public API (Wagtail API v2)."""

from wagtail.api.v2.router import WagtailAPIRouter

from .changes import ChangesAPIViewSet
from .v3_preview import v3_preview_urls
from .views import (
    KronikaPagesAPIViewSet,
    OfficesAPIViewSet,
    OrganisationsAPIViewSet,
    PeopleAPIViewSet,
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KronikaPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
api_router.register_endpoint("people", PeopleAPIViewSet)
api_router.register_endpoint("offices", OfficesAPIViewSet)
api_router.register_endpoint("changes", ChangesAPIViewSet)

# Wagtail's v3 API is a preview: mounted for our authenticated tools, never for partners.
api_v3_preview_urls = v3_preview_urls()
