"""The one router of Kronika's public API (Wagtail API v2), as the plugin declares it."""

from projects.api.router import public_api_router
from projects.api.v3_preview import v3_preview_urls

api_router = public_api_router()

# Wagtail's v3 API is a preview: mounted for our authenticated tools, never for partners.
api_v3_preview_urls = v3_preview_urls()
