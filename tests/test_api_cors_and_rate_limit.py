"""CORS for allowed partner origins on /api/ only, and per-client rate limits with 429."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from projects.api.throttling import Rate, client_address, parse_rate

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example.org"


@pytest.fixture
def partner_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]


@pytest.fixture
def rate_limit(settings):
    settings.KRONIKA_API_RATE_LIMIT = "3/minute"


def test_an_allowed_origin_may_read_the_api(client, site_tree, partner_origin):
    response = client.get("/api/v2/pages/", headers={"origin": PARTNER})

    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_from_an_allowed_origin_is_answered(client, partner_origin):
    response = client.options(
        "/api/v2/pages/",
        headers={"origin": PARTNER, "access-control-request-method": "GET"},
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "POST" not in response["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    ("path", "origin"),
    [
        ("/api/v2/pages/", "https://elsewhere.example.com"),
        ("/api/v2/pages/", "null"),
        ("/admin/login/", PARTNER),
        ("/pl/", PARTNER),
    ],
)
def test_other_origins_and_non_api_paths_get_no_cors_headers(client, site_tree, partner_origin, path, origin):
    response = client.get(path, headers={"origin": origin})

    assert "Access-Control-Allow-Origin" not in response


def test_a_client_over_the_limit_gets_429_with_retry_after(client, site_tree, rate_limit):
    statuses = [client.get("/api/v2/pages/").status_code for _ in range(3)]
    limited = client.get("/api/v2/pages/")

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "3 per minute" in limited.json()["message"]
    assert limited["Cache-Control"] == "no-store"


def test_cached_answers_and_304s_count_against_the_limit(client, site_tree, rate_limit):
    etag = client.get("/api/v2/pages/")["ETag"]
    client.get("/api/v2/pages/")
    assert client.get("/api/v2/pages/", headers={"if-none-match": etag}).status_code == 304

    assert client.get("/api/v2/pages/", headers={"if-none-match": etag}).status_code == 429


def test_clients_are_counted_apart(client, site_tree, rate_limit):
    for _ in range(3):
        client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1")

    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_429_carries_cors_headers_for_partners(client, site_tree, rate_limit, partner_origin):
    for _ in range(3):
        client.get("/api/v2/pages/", headers={"origin": PARTNER})

    limited = client.get("/api/v2/pages/", headers={"origin": PARTNER})

    assert limited.status_code == 429
    assert limited["Access-Control-Allow-Origin"] == PARTNER


def test_the_admin_is_not_rate_limited(admin_client, rate_limit):
    statuses = {admin_client.get("/admin/").status_code for _ in range(5)}

    assert statuses == {200}


def test_rate_limiting_is_off_in_tests_by_default(client, site_tree):
    assert {client.get("/api/v2/pages/").status_code for _ in range(5)} == {200}


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        ("120/minute", Rate(120, 60, "minute")),
        ("5 / second", Rate(5, 1, "second")),
        ("1000/hours", Rate(1000, 3600, "hour")),
        ("10000/day", Rate(10000, 86400, "day")),
        ("off", None),
        ("", None),
        (None, None),
    ],
)
def test_rates_are_read_from_settings(value, rate):
    assert parse_rate(value) == rate


@pytest.mark.parametrize("value", ["120", "120/fortnight", "-5/minute", "0/minute", "many/minute", "120/minute/x"])
def test_malformed_rates_are_configuration_errors(value):
    with pytest.raises(ImproperlyConfigured, match="API_RATE_LIMIT"):
        parse_rate(value)


def test_system_check_reports_a_malformed_rate(settings):
    settings.KRONIKA_API_RATE_LIMIT = "lots"

    with pytest.raises(SystemCheckError, match="kronika.E001"):
        call_command("check")


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "192.0.2.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.7, 203.0.113.9", "198.51.100.7"),
        (2, "203.0.113.9", "192.0.2.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(rf, settings, proxies, forwarded, expected):
    settings.KRONIKA_API_TRUSTED_PROXIES = proxies
    request = rf.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected
