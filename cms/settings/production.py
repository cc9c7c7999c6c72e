"""Production: everything secure by default, and no start without a real key and hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY, SILENCED_SYSTEM_CHECKS, STORAGES
from .env import env_bool, env_int, env_str

if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production.")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names (comma-separated); '*' is refused.")
if not env_str("WAGTAILADMIN_BASE_URL").startswith(("https://", "http://")):
    # API image URLs, previews and admin e-mails are built from it: the development default would leak into them.
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be the site's public address, e.g. https://kronika.example.org."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a commitment a site owner makes on purpose, so it stays opt-in.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# Health probes are plain HTTP from the load balancer: never redirect them to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]

# gunicorn serves the static files itself (whitenoise): hashed names cached for a year, gzip and brotli made at
# collectstatic, so no proxy configuration is needed for them.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
