"""The public API's endpoints, registered on one router: what a site mounts at /api/v2/, and what snapshots link to."""

from wagtail.api.v2.router import WagtailAPIRouter

from ..conf import api_url_namespace
from .changes import ChangesAPIViewSet
from .views import (
    KronikaPagesAPIViewSet,
    OfficesAPIViewSet,
    OrganisationsAPIViewSet,
    PeopleAPIViewSet,
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
)

ENDPOINTS = {
    "pages": KronikaPagesAPIViewSet,
    "images": PublicImagesAPIViewSet,
    "documents": PublicDocumentsAPIViewSet,
    "organisations": OrganisationsAPIViewSet,
    "people": PeopleAPIViewSet,
    "offices": OfficesAPIViewSet,
    "changes": ChangesAPIViewSet,
}


def public_api_router(namespace: str = "wagtailapi") -> WagtailAPIRouter:
    """A router with every public endpoint; a site that names its namespace otherwise sets KRONIKA_API_URL_NAMESPACE."""
    router = WagtailAPIRouter(namespace)
    for name, viewset in ENDPOINTS.items():
        router.register_endpoint(name, viewset)
    return router


api_router = public_api_router(api_url_namespace())
