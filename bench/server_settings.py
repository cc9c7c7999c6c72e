"""Settings of the benchmark's gunicorn: production's (cms.settings.base, no debug, persistent connections, Redis
as the shared cache when KRONIKA_BENCH_REDIS_URL is set) on the bench's database, with the stock and bare peers."""

import os

from cms.settings.base import *  # noqa: F403
from cms.settings.database import database_from_url
from cms.settings.env import redis_cache

# KRONIKA_BENCH_DATABASE, an SQLite file, is how bench.search names its database.
BENCH_DATABASE_URL = os.environ.get("KRONIKA_BENCH_DATABASE_URL") or f"sqlite:///{os.environ['KRONIKA_BENCH_DATABASE']}"
DEBUG = False
SECRET_KEY = "kronika-bench-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {"default": database_from_url(BENCH_DATABASE_URL, conn_max_age=600)}
if os.environ.get("KRONIKA_BENCH_REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["KRONIKA_BENCH_REDIS_URL"])}
MEDIA_ROOT = os.environ["KRONIKA_BENCH_MEDIA"]
WAGTAILAPI_LIMIT_MAX = 100
KRONIKA_API_RATE_LIMIT = "off"
KRONIKA_API_CACHE_SECONDS = int(os.environ.get("KRONIKA_BENCH_SERVER_CACHE_SECONDS", "300"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
ROOT_URLCONF = "bench.urls"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
