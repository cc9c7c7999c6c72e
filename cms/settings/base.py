"""Settings shared by every environment; each value can be set by an environment variable."""

from datetime import timedelta
from pathlib import Path

from corsheaders.defaults import default_headers as default_cors_headers
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .database import database_from_url
from .env import (
    env_int,
    env_list,
    env_str,
    machine_translator_from_env,
    media_storage_from_env,
    redis_cache,
    search_backends,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "projects",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Load balancers' probes answer before anything else (host checks, redirects, sessions, rate limits).
    "cms.health.HealthCheckMiddleware",
    # CORS next, so that 429s and cached answers carry its headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "projects.api.throttling.APIRateLimitMiddleware",
    # Anonymous API reads found in the server cache are answered here, before sessions, CSRF and authentication.
    "projects.api.caching.APICacheHitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "projects.middleware.PrefixedPagesLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "projects.api.caching.APICacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a sign-in that the lockout refused (cms/security.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL selects the database; without it an SQLite file beside manage.py (WAL, see database.py).
DATABASES = {"default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL selects a shared Redis cache; without it each process keeps its own in memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# While Redis is down the site serves uncached; what django-redis ignores becomes one warning a minute.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "projects.cache_outage"

# Background work (webhooks, renditions) runs at once here; production queues it in the database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Sign-in throttling (django-axes, see cms/security.py): after ADMIN_LOGIN_FAILURE_LIMIT wrong passwords an account
# is paused for ADMIN_LOGIN_COOLOFF_MINUTES; `manage.py axes_reset_username NAME` lifts it sooner.
AUTHENTICATION_BACKENDS = ["cms.security.SignInAttemptsBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 15))
# By account, not by address: an office behind one address must not be locked out by one colleague's typos.
# axes.W006 warns that rotating user agents bypasses a lockout: that holds for locks that include them, not this one.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# A lockout lasts the cool-off time from the last counted failure, not from every further attempt.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "cms.security.sign_in_locked_out"
AXES_CLIENT_IP_CALLABLE = "projects.api.throttling.client_address"
# Failures are kept (for the lockout); successful sign-ins are not logged with their addresses.
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp; README, "Security"). The site and the API run no inline script: Kronika's
# templates mark their inline <style> with the request's nonce (CSP_NONCE), and anything injected is refused.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
CONTENT_SECURITY_POLICY_BY_PATH = {
    # Wagtail 8.0's admin runs inline scripts that no nonce can reach: its widgets print their own start-up calls
    # (initDateChooser, new ImageChooser, InlinePanel), its choosers insert HTML with scripts through jQuery, and
    # its components set inline styles. Everything else of the policy holds there too.
    "/admin/": {"script-src": [SELF, UNSAFE_INLINE], "style-src": [SELF, UNSAFE_INLINE]},
    # The API docs page is one self-contained, cached page (no per-request nonce); it has styles and no script.
    "/api/v2/docs/": {"style-src": [SELF, UNSAFE_INLINE]},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Polish is the source; the targets can be narrowed or extended by KRONIKA_LANGUAGES.
LANGUAGE_CODE = "pl"
_LANGUAGE_NAMES = {
    "pl": _("Polish"),
    "en": _("English"),
    "uk": _("Ukrainian"),
    "de": _("German"),
    "cs": _("Czech"),
    "fr": _("French"),
    "es": _("Spanish"),
    "lt": _("Lithuanian"),
}
_LANGUAGE_CODES = env_list("KRONIKA_LANGUAGES", "pl,en,uk,de")
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [(code, _LANGUAGE_NAMES.get(code, code)) for code in _LANGUAGE_CODES]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Warsaw")
USE_TZ = True
# The site's own catalogue, then Polish for Wagtail texts its catalogue lacks (locale_wagtail/pl/…/django.po).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]

STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a report with many inline rows passes Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Kronika")
# Absolute URLs in admin e-mails, API image URLs and previews start with this.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = search_backends()
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A few kilobytes of PNG can declare 100 megapixels, and every rendition decodes all of them: refuse them at upload.
# 50 Mpx keeps full-size photos of 48 Mpx phones; Wagtail's own default is 128 Mpx.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents only through Wagtail's serve view, which checks their collection: never a link into MEDIA_ROOT.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]
# Slugs are ASCII: the admin writes "w-bilgoraju" for "w Biłgoraju", so URLs are never percent-encoded and
# wagtail-localize (which slugifies to ASCII) never drops a letter from a translation's slug.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin calls no server but the site's own: no avatars from gravatar.com (editors' e-mail hashes would
# leave the site), no release check against releases.wagtail.org, no "what's new" banner pointing away.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No autosave. Wagtail 8.0's autosave of a new page races the editor's own "Save draft": both create the page, and
# the loser fails on the slug with a 500 (seen in the browser tests). It also posts half-filled forms, whose 400s
# fill the console while a report's required fields are still empty. Editors save drafts themselves, and the
# unsaved-changes warning stays.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# A new translation is a draft until its translator publishes it: partners never get the source text as English.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation for translators: DeepL when DEEPL_API_KEY is set, else a LibreTranslate server at
# LIBRETRANSLATE_URL (with LIBRETRANSLATE_API_KEY if it asks for one). Neither: the feature is not shown.
if _machine_translator := machine_translator_from_env():
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator

# Kronika's own settings (read with defaults by the projects app; see README).
KRONIKA_DEFAULT_PHONE_REGION = env_str("KRONIKA_DEFAULT_PHONE_REGION", "PL")
KRONIKA_DEFAULT_CURRENCY = env_str("KRONIKA_DEFAULT_CURRENCY", "PLN")
KRONIKA_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]

# Public API (see README): who may call it from a browser, how often, and how long answers are cached.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
KRONIKA_API_RATE_LIMIT = env_str("API_RATE_LIMIT", "120/minute")
KRONIKA_API_TRUSTED_PROXIES = env_int("API_TRUSTED_PROXIES", 0)
KRONIKA_API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)

# An HTTP cache in front of the site (Varnish, nginx with purge): each publication purges the API's listings, the
# changed item's detail and the page's own URLs there. See cms/varnish/kronika.vcl.
if FRONTEND_CACHE_URL := env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL}
    }

# Webhooks (see README): networks a webhook target may resolve to although they are private or loopback.
KRONIKA_WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Public API (projects/api): partners may ask for up to 100 items a page; rich text comes as HTML.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
