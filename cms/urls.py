from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.partners_demo import partners_demo, partners_demo_preview
from projects.media import serve_media_file

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Kronika's API, its OpenAPI document and docs, previews and feeds: the same one line a host site adds.
    path("", include("projects.urls")),
    path("partners/demo/", partners_demo, name="partners-demo"),
    path("partners/demo/preview/", partners_demo_preview, name="partners-demo-preview"),
    # Image files go through the application in production too: it checks the image's collection.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media_file, name="media-file"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Public pages answer under a language prefix (/pl/, /en/ …) so each translation has its own URL.
urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Errors raised outside any API view (no URL matched, a middleware failed): JSON below /api/, pages elsewhere;
# a database that cannot be reached answers 503 instead of 500.
handler400 = "projects.api.errors.bad_request"
handler403 = "projects.api.errors.permission_denied"
handler404 = "projects.api.errors.page_not_found"
handler500 = "projects.api.errors.server_error"
