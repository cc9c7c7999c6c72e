"""An editor signing in to the real admin, shared by the browser tests."""

import re

from django.urls import reverse
from playwright.sync_api import Page

EDITOR_USERNAME, EDITOR_PASSWORD = "redaktorka", "haslo-testowe-1"


def sign_in(page: Page, base_url: str) -> None:
    """Sign in through the login form, as the editor made by the ``editor`` fixture, and land on the dashboard."""
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.fill("#id_username", EDITOR_USERNAME)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
