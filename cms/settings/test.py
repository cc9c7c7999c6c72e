"""Test runs: fast hashing, memory cache and media, tasks run at once."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "kronika-test-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Live-server tests open a connection per request thread; persistent ones would outlive the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A browser test's live server answers several requests at once (a save, an autosave, an editing-session
    # ping). An in-memory SQLite database shared between threads fails such a request at once with "table is
    # locked"; a file waits for the lock (WAL and a busy timeout, see database.py) as production does. The file
    # is kept in memory where the machine has /dev/shm, so the suite stays as fast.
    _shared_memory = "/dev/shm"  # noqa: S108 - mkdtemp makes a directory only this user can read
    _test_database_dir = tempfile.mkdtemp(
        prefix="kronika-test-db-", dir=_shared_memory if os.path.isdir(_shared_memory) else None
    )
    atexit.register(shutil.rmtree, _test_database_dir, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_test_database_dir) / "test.sqlite3")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="kronika-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Rate limits are off except in the tests that turn them on.
KRONIKA_API_RATE_LIMIT = "off"
# Webhook tests deliver to receivers on 127.0.0.1, quickly given up on.
KRONIKA_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
KRONIKA_WEBHOOK_TIMEOUT_SECONDS = 2
