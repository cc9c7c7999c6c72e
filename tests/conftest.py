import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from home.models import HomePage
from projects.models import EventReportIndexPage, FundingProgramIndexPage, ProjectIndexPage

from .factories import (
    EventReportIndexPageFactory,
    FundingProgramIndexPageFactory,
    HomePageFactory,
    ProjectIndexPageFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. The API's cache keys hold the cache generation, which a rolled
    back test resets, and PostgreSQL does not reuse the ids it gave out: a previous test's answers would match."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class SiteTree:
    home: HomePage
    programs: FundingProgramIndexPage
    projects: ProjectIndexPage
    reports: EventReportIndexPage


@pytest.fixture
def site_tree(db) -> SiteTree:
    """A Polish home page as the default site's root, with the three index pages below it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Kronika", slug="kronika")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return SiteTree(
        home=home,
        programs=FundingProgramIndexPageFactory(parent=home, slug="programy"),
        projects=ProjectIndexPageFactory(parent=home, slug="projekty"),
        reports=EventReportIndexPageFactory(parent=home, slug="relacje"),
    )


@pytest.fixture
def admin_user(django_user_model):
    """A superuser whose admin speaks English, so tests read the messages as written in the code."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "password")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(django_user_model):
    """The editor the browser tests sign in as (tests.browser_admin.sign_in), with an English admin."""
    from .browser_admin import EDITOR_PASSWORD, EDITOR_USERNAME

    user = django_user_model.objects.create_superuser(EDITOR_USERNAME, "redaktorka@example.org", EDITOR_PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin_client(client, admin_user):
    """A client logged in as a superuser of the Wagtail admin."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def english(db) -> Locale:
    """The English locale, created from the configured languages at migrate time."""
    return Locale.objects.get(language_code="en")


@pytest.fixture
def fake_translator(settings):
    """Machine translation through tests.fake_translator.FakeTranslator, never the network."""
    from .fake_translator import FakeTranslator

    FakeTranslator.calls = []
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "tests.fake_translator.FakeTranslator", "OPTIONS": {}}
    return FakeTranslator


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page(monkeypatch):
    """A tab of Debian's headless Chromium, driven by Playwright, with an English interface.

    A missing browser fails the test, never skips it. Playwright starts and stops with each test: its event
    loop must be gone before pytest-django flushes the database, or Django takes that for an async context.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).", pytrace=False)
    from playwright.sync_api import sync_playwright

    # The test's own ORM calls are synchronous, while Playwright's sync API keeps an event loop in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture
def no_console_errors(page):
    """Fails the browser test whose page broke the Content-Security-Policy, threw an uncaught exception, logged a
    console error, failed to load a script, stylesheet, image or font, or got a 5xx; ask for it beside ``page``.

    A 4xx answer to the page itself or to a fetch is left to the test to judge: the lockout page is a 429, and
    Wagtail's autosave posts an unfinished form and gets a 400 with its errors.
    """
    problems: list[str] = []

    def on_console(message) -> None:
        # Failed loads are judged by their answers below (Chromium logs every 4xx as an error).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error on {message.location.get('url') or page.url}: {message.text}")

    def on_response(response) -> None:
        kind = response.request.resource_type
        # The browser asks every site for /favicon.ico by itself; the site has none to give, and that is fine.
        if response.url.endswith("/favicon.ico"):
            return
        if response.status >= 500 or (response.status >= 400 and kind in {"script", "stylesheet", "image", "font"}):
            problems.append(f"{kind} {response.request.method} {response.url} answered {response.status}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(f"uncaught exception on {page.url}: {error}"))

    def on_violation(text: str) -> None:
        problems.append(text)

    # Chromium logs most violations to the console, but not all (e.g. those of report-only policies): listen too.
    page.expose_function("kronikaReportViolation", on_violation)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => window.kronikaReportViolation("
        "`CSP violation on ${document.location.href}: ${event.violatedDirective} blocked ${event.blockedURI}"
        " (${event.sourceFile}:${event.lineNumber})`));"
    )
    yield
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(dict.fromkeys(problems)), pytrace=False)
