"""Settings for the benchmark: the test settings on a throwaway SQLite file, listings of up to 100."""

import os

from cms.settings.test import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["KRONIKA_BENCH_DATABASE"]}}
MEDIA_ROOT = os.environ["KRONIKA_BENCH_MEDIA"]
WAGTAILAPI_LIMIT_MAX = 100
KRONIKA_API_RATE_LIMIT = "off"
KRONIKA_API_CACHE_SECONDS = int(os.environ.get("KRONIKA_BENCH_SERVER_CACHE_SECONDS", "300"))
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Building 2,000 pages is several times faster without indexing each one for search.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
ROOT_URLCONF = "bench.urls"
