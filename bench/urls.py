"""The site's URLs plus Wagtail's stock pages endpoint at /api/stock/pages/, the peer search is measured against."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as site_urlpatterns

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/stock/", stock_router.urls), *site_urlpatterns]
