"""The Content-Security-Policy header: strict on the site and the API, Wagtail's needs allowed in the admin only.

The browser tests (``no_console_errors`` in conftest.py) check that pages really work under it.
"""

import re

import pytest
from django.urls import reverse

from .factories import EventReportPageFactory, ProjectPageFactory


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.fixture
def report(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="sniadania", title="Śniadania seniorów")
    return EventReportPageFactory(parent=project, slug="bilgoraj", title="Śniadanie w Biłgoraju")


def test_public_pages_run_no_inline_script_and_style_only_with_their_nonce(client, report):
    response = client.get(report.url)
    assert response.status_code == 200
    policy = directives(response)
    nonce = re.fullmatch(r"'nonce-([\w+/=-]+)'", policy["script-src"][1]).group(1)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["frame-ancestors"] == ["'self'"]
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert directives(client.get(report.url))["script-src"] != policy["script-src"], "a nonce is never reused"


def test_the_api_answers_under_the_same_policy(client, report):
    policy = directives(client.get("/api/v2/pages/"))
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_the_admin_allows_inline_code_but_nothing_from_elsewhere(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["connect-src"] == policy["frame-src"] == policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # Avatars would come from gravatar.com, which the policy would block and DESIGN.md rules out.
    assert "gravatar" not in response.content.decode()


def test_the_sign_in_page_has_the_policy_too(client, db):
    assert directives(client.get(reverse("wagtailadmin_login")))["object-src"] == ["'none'"]
