"""Settings of the load test's gunicorn: the shared settings on the database in DATABASE_URL, as `make run` serves
them but without debug, with background work done at once (in the request) and no per-client rate limit."""

import os

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "kronika-loadtest-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1"]
MEDIA_ROOT = os.environ["KRONIKA_LOADTEST_MEDIA"]
KRONIKA_API_RATE_LIMIT = "off"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
if os.environ.get("LOADTEST_SQLITE_PLAIN") == "1" and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # For comparison only: SQLite's defaults (rollback journal, deferred transactions, 5 s busy timeout).
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
