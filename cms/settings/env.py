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


# Elasticsearch/OpenSearch with the Stempel plugin (analysis-stempel, bundled with OpenSearch, a plugin install on
# Elasticsearch): Polish stems, then case and diacritics folded, for every text field Wagtail indexes.
POLISH_INDEX_SETTINGS = {
    "settings": {
        "index": {
            "analysis": {
                "analyzer": {
                    "default": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "polish_stem", "asciifolding"],
                    }
                }
            }
        }
    }
}
EXTERNAL_SEARCH_BACKENDS = {
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def search_backends() -> dict:
    """Kronika's own search (projects.search.backend); Elasticsearch/OpenSearch when KRONIKA_SEARCH_URL is set.

    KRONIKA_SEARCH_ENGINE picks the client (elasticsearch8 by default), KRONIKA_SEARCH_INDEX the index name.
    """
    url = env_str("KRONIKA_SEARCH_URL")
    if not url:
        return {"default": {"BACKEND": "projects.search.backend"}}
    engine = env_str("KRONIKA_SEARCH_ENGINE", "elasticsearch8")
    if engine not in EXTERNAL_SEARCH_BACKENDS:
        raise ImproperlyConfigured(
            f"KRONIKA_SEARCH_ENGINE must be one of {', '.join(EXTERNAL_SEARCH_BACKENDS)}, not {engine!r}."
        )
    return {
        "default": {
            "BACKEND": EXTERNAL_SEARCH_BACKENDS[engine],
            "URLS": [url],
            "INDEX": env_str("KRONIKA_SEARCH_INDEX", "kronika"),
            "TIMEOUT": 5,
            "INDEX_SETTINGS": POLISH_INDEX_SETTINGS,
        }
    }
