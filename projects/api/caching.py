"""HTTP caching of the public API: validators, Cache-Control, a server-side cache and purges.

Every public GET/HEAD answer below the API prefix gets an ETag (a hash of the body), a
Last-Modified (the last time anything the API shows changed), Cache-Control for shared
caches and ``Vary: Accept, Accept-Encoding, Origin``, and conditional requests get 304.
Answers that may depend on who asks get ``private, no-store`` and never touch the server-side
cache: those of requests with an Authorization header, and of requests with a session that holds
anything (a login, or a password entered for a page or a collection, which Wagtail's view
restrictions read from the session). Only answers that are the same for everyone are shared.

The server-side cache keys each answer by the API generation (projects.read_models.generation),
which every change partners can see moves on: a publish, unpublish, move or deletion, a page,
snippet, image or document saved, a restriction, site or locale changed. A bump makes every
stored answer unreachable at once (listings included) in every process, so nothing unpublished or
private is served from the cache after the change commits. The generation is read from the cache
too, so a hit and a 304 touch no database. Answers of 1 KB or more are stored gzip-compressed as well
(compressed once, when stored), and sent so to clients that accept gzip.
"""

import gzip
import hashlib
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags

from ..cache_outage import tolerating_outage
from ..conf import api_cache_control, api_cache_seconds, api_path_prefix, api_url_namespace, feeds_path_prefix
from ..read_models.generation import Generation, current_generation
from .errors import is_api_path

VARY_HEADERS = ("Accept", "Accept-Encoding", "Origin")
# Smaller answers gain too little from compression to be worth the client's work (Django's GZipMiddleware: 200).
GZIP_MIN_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CACHE_KEY_PREFIX = "kronika:api:"


def api_listing_paths() -> list[str]:
    """The listing URL of every endpoint registered in the API router, e.g. /api/v2/pages/."""
    namespace = api_url_namespace()
    if namespace not in get_resolver().namespace_dict:
        return []
    endpoints = get_resolver().namespace_dict[namespace][1].namespace_dict
    paths = []
    for endpoint in sorted(endpoints):
        try:
            paths.append(reverse(f"{namespace}:{endpoint}:listing"))
        except NoReverseMatch:
            continue
    return paths


def api_detail_path(endpoint: str, object_id: int) -> str | None:
    try:
        return reverse(f"{api_url_namespace()}:{endpoint}:detail", args=[object_id])
    except NoReverseMatch:
        return None


def purge_frontend_cache(paths: Iterable[str]) -> None:
    """Ask Wagtail's frontend cache (CDN, Varnish…) to drop these API URLs, when one is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    # Imported only by sites that configure a frontend cache, which may not install its app or backends.
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    base_url = (getattr(settings, "WAGTAILAPI_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    purge_urls_from_cache([base_url + path for path in sorted(set(paths))])


def is_public_api_request(request: HttpRequest) -> bool:
    """A GET or HEAD of the API or of the feeds, which are read from it and cached the same way."""
    return request.method in ("GET", "HEAD") and request.path.startswith((api_path_prefix(), feeds_path_prefix()))


def depends_on_requester(request: HttpRequest) -> bool:
    """Whether the answer may differ for whoever sends this request, so no one else may be given it.

    View restrictions accept a request by its user (login, groups) or by the passwords its session
    has passed: any session that holds something may unlock one, not only a logged-in one.
    """
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    # The session is only loaded when a cookie says there may be one, so anonymous hits stay cheap.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and bool(request.session.keys())


def _cache_key(request: HttpRequest, generation: Generation) -> str:
    parts = [
        str(generation.value),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
        # The API answers in one language whoever asks (projects.middleware), so the key of an API answer is the
        # same before the locale middleware has run (APICacheHitMiddleware) as after it; feeds speak the visitor's.
        "" if is_api_path(request.path) else getattr(request, "LANGUAGE_CODE", ""),
    ]
    return CACHE_KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _stored(response: HttpResponse) -> dict:
    headers = {name: value for name, value in response.items() if name.lower() not in ("vary", "cache-control")}
    entry = {"status": response.status_code, "content": response.content, "headers": headers}
    if len(response.content) >= GZIP_MIN_BYTES and not response.has_header("Content-Encoding"):
        # Compressed once, when stored: every hit from a client that accepts gzip sends it as it is.
        entry["gzip"] = gzip.compress(response.content, compresslevel=6, mtime=0)
    return entry


def _rebuilt(entry: dict) -> HttpResponse:
    return HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _compressed_if_accepted(request: HttpRequest, response: HttpResponse, entry: dict | None) -> HttpResponse:
    """The stored gzip body, for a client that accepts it, as Django's GZipMiddleware would send it.

    The ETag becomes weak, as GZipMiddleware makes it: the bytes differ from the plain answer's, and weak
    comparison still lets either copy's ETag revalidate (If-None-Match) into a 304.
    """
    if entry is None or "gzip" not in entry or not _accepts_gzip(request):
        return response
    response.content = entry["gzip"]
    response["Content-Encoding"] = "gzip"
    if response.has_header("ETag"):
        response["ETag"] = _weak(response["ETag"])
    return response


def _weak(etag: str) -> str:
    return etag if etag.startswith("W/") else f"W/{etag}"


def _storable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def _validator_key(key: str) -> str:
    return key + ":etag"


def _validator(entry: dict) -> tuple[str, bool]:
    """What a revalidation needs of a stored answer: its ETag, and whether a gzip copy of it is stored."""
    return entry["headers"]["ETag"], "gzip" in entry


def _matches(etag: str, if_none_match: str) -> bool:
    """Whether get_conditional_response will answer 304: Django's weak comparison (utils.cache), exactly."""
    etags = parse_etags(if_none_match)
    if etags == ["*"]:
        return True
    return etag.strip("W/") in (tag.strip("W/") for tag in etags)


def _revalidated(request: HttpRequest, key: str) -> HttpResponse | None:
    """For an If-None-Match that the stored answer's ETag matches, a bodiless stand-in (then a 304), else None.

    Reads only the stored ETag, not the whole answer: a revalidation fetches a few bytes from the cache.
    """
    validator = tolerating_outage(lambda: cache.get(_validator_key(key)), None)
    if validator is None:
        return None
    etag, compressed = validator
    if not _matches(etag, request.META["HTTP_IF_NONE_MATCH"]):
        return None
    if compressed and _accepts_gzip(request):
        etag = _weak(etag)  # the ETag the compressed answer carries
    return HttpResponse(headers={"ETag": etag})


def _shared_answer(request: HttpRequest, generation: Generation) -> HttpResponse | None:
    """The stored answer to this anonymous request, or None on a miss, with the server cache off or unreachable."""
    if api_cache_seconds() <= 0:
        return None
    key = _cache_key(request, generation)
    if "HTTP_IF_NONE_MATCH" in request.META and (stand_in := _revalidated(request, key)) is not None:
        return stand_in
    # A cache that cannot be reached is a miss, and nothing is stored: the answer is built as if uncached.
    entry = tolerating_outage(lambda: cache.get(key), None)
    if entry is None:
        return None
    response = _compressed_if_accepted(request, _rebuilt(entry), entry)
    response["X-Kronika-Cache"] = "hit"
    return response


def _with_validators(request: HttpRequest, response: HttpResponse, generation: Generation) -> HttpResponse:
    """Vary, Cache-Control and Last-Modified on a shared answer, and a 304 when the request's validators match."""
    patch_vary_headers(response, VARY_HEADERS)
    if response.cookies:
        response["Cache-Control"] = "private, no-store"
        return response
    if not response.has_header("ETag"):
        response["Cache-Control"] = "no-store"
        return response
    response["Cache-Control"] = api_cache_control()
    last_modified = generation.changed_at.timestamp()
    response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(request, etag=response["ETag"], last_modified=int(last_modified), response=response)


class APICacheMiddleware:
    """Caching headers, conditional requests and the server-side cache for the public API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_api_request(request):
            return self.get_response(request)
        if depends_on_requester(request):
            response = self.get_response(request)
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, (*VARY_HEADERS, "Authorization", "Cookie"))
            return response

        generation = current_generation()
        response = _shared_answer(request, generation)
        if response is None:
            response = self.get_response(request)
            if response.status_code == 200 and not response.streaming:
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            seconds = api_cache_seconds()
            if seconds > 0 and _storable(response):
                key = _cache_key(request, generation)
                entry = _stored(response)
                stored = {key: entry, _validator_key(key): _validator(entry)}
                tolerating_outage(lambda: cache.set_many(stored, seconds), None)
                response = _compressed_if_accepted(request, response, entry)
                response["X-Kronika-Cache"] = "miss"
        return _with_validators(request, response, generation)


class APICacheHitMiddleware:
    """Answers a hit of the API's server cache before sessions, CSRF, authentication and the rest run.

    Optional, for speed: placed right after the rate limit, it spares a hit the middleware between the two
    (``make bench`` measures the gain through gunicorn). APICacheMiddleware still stores every answer and serves
    the hits this one leaves to it. Only requests that cannot depend on who asks are answered here: API
    paths (not the feeds, which speak the visitor's language), with no Authorization header and no session
    cookie; APICacheMiddleware decides the rest with the session loaded. CommonMiddleware has not run, so the
    Content-Length it would add is set here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._anonymous_api_read(request):
            return self.get_response(request)
        generation = current_generation()
        response = _shared_answer(request, generation)
        if response is None:
            return self.get_response(request)
        response["Content-Length"] = str(len(response.content))
        return _with_validators(request, response, generation)

    @staticmethod
    def _anonymous_api_read(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and is_api_path(request.path)
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
