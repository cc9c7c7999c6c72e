"""Settings of the benchmark's own process: the test settings on its throwaway database, listings of up to 100.

KRONIKA_BENCH_DATABASE_URL names the database (an SQLite file or a fresh PostgreSQL database the bench made);
connections persist as in production (CONN_MAX_AGE), not opened again per request as the tests do.
"""

import os

from cms.settings.database import database_from_url
from cms.settings.test import *  # noqa: F403

# KRONIKA_BENCH_DATABASE, an SQLite file, is how bench.search names its database.
BENCH_DATABASE_URL = os.environ.get("KRONIKA_BENCH_DATABASE_URL") or f"sqlite:///{os.environ['KRONIKA_BENCH_DATABASE']}"
DATABASES = {"default": database_from_url(BENCH_DATABASE_URL, conn_max_age=600)}
MEDIA_ROOT = os.environ["KRONIKA_BENCH_MEDIA"]
WAGTAILAPI_LIMIT_MAX = 100
KRONIKA_API_RATE_LIMIT = "off"
KRONIKA_API_CACHE_SECONDS = int(os.environ.get("KRONIKA_BENCH_SERVER_CACHE_SECONDS", "300"))
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Building 2,000 pages is several times faster without indexing each one for search.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
ROOT_URLCONF = "bench.urls"
