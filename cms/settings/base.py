"""Settings shared by every environment; each value can be set by an environment variable."""

from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.utils.translation import gettext_lazy as _

from .env import env_int, env_list, env_str, machine_translator_from_env

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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # CORS first, so that 429s and cached answers carry its headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "projects.api.throttling.APIRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "projects.middleware.PrefixedPagesLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "projects.api.caching.APICacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL selects the database; without it an SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL selects a shared Redis cache; without it each process keeps its own in memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kronika",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (webhooks, renditions) runs at once here; production queues it in the database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

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
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a report with many inline rows passes Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Kronika")
# Absolute URLs in admin e-mails, API image URLs and previews start with this.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]

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
