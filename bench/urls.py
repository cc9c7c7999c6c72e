"""The site's URLs plus Wagtail's stock pages endpoint at /api/stock/pages/ and the bare JsonResponse peer."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from bench.bare import bare
from cms.urls import urlpatterns as site_urlpatterns

# Stock Wagtail API v2: a plain PagesAPIViewSet over the same models and their api_fields.
stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/stock/", stock_router.urls),
    path("bench/bare/<slug:name>/", bare),
    *site_urlpatterns,
]
