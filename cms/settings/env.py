"""Small readers for configuration that comes from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def machine_translator_from_env() -> dict | None:
    """wagtail-localize's translator: DeepL by DEEPL_API_KEY, else LibreTranslate at LIBRETRANSLATE_URL, else none."""
    if deepl_key := env_str("DEEPL_API_KEY"):
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": deepl_key},
        }
    if libretranslate_url := env_str("LIBRETRANSLATE_URL").rstrip("/"):
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {"LIBRETRANSLATE_URL": libretranslate_url, "API_KEY": env_str("LIBRETRANSLATE_API_KEY")},
        }
    return None


def redis_cache(url: str) -> dict:
    """A django-redis cache that keeps the site serving, uncached, while Redis is down.

    Wagtail reads the cache on every page (site root paths, renditions): without IGNORE_EXCEPTIONS an
    unreachable Redis is a 500 everywhere. Short timeouts keep a Redis that does not answer from
    holding each request; django-redis reports what it ignores to projects.cache_outage (see
    DJANGO_REDIS_LOGGER), which lets one warning a minute through.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "kronika",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
