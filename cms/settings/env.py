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


def media_storage_from_env() -> dict:
    """Where uploaded images and documents live: an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set
    (AWS, MinIO, Ceph, Scaleway… through AWS_S3_ENDPOINT_URL), else files under MEDIA_ROOT."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        # A CDN or the bucket's public host in front of the media; URLs are then plain and cacheable.
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
        "location": env_str("AWS_LOCATION", "media"),
        # Objects inherit the bucket's policy rather than being made public one by one.
        "default_acl": None,
        # Signed URLs expire, and the API's stored answers would keep dead links: off unless asked for.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        # Never replace an uploaded file by another of the same name.
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


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
