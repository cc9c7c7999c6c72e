"""The public rule (projects.visibility) and the answers that depend on who asks: one regression test per leak.

The walk over every public surface is tests/test_leaks.py; these pin each cause on its own.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/?fields=title"


def enter_password(client: Client, restriction: PageViewRestriction, password: str) -> None:
    """Submit Wagtail's password form for a restricted page, as a visitor would."""
    with translation.override("pl"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id])
    response = client.post(url, {"password": password, "return_url": "/"})
    assert response.status_code == 302, response.content


@pytest.fixture
def protected_project(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="chroniony", title="Projekt pod hasłem")
    EventReportPageFactory(parent=project, slug="relacja", title="Relacja pod hasłem")
    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    return restriction


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def test_a_password_holders_answer_is_private_and_never_reaches_anonymous_clients(client, protected_project):
    holder = Client()
    enter_password(holder, protected_project, "tajne")

    unlocked = holder.get(PAGES)
    anonymous = client.get(PAGES)

    assert {"Projekt pod hasłem", "Relacja pod hasłem"} <= titles(unlocked)
    assert unlocked["Cache-Control"] == "private, no-store"
    assert "X-Kronika-Cache" not in unlocked
    assert titles(anonymous).isdisjoint({"Projekt pod hasłem", "Relacja pod hasłem"})
    assert anonymous["Cache-Control"].startswith("public")


def test_an_anonymous_answer_is_shared_even_when_a_password_holder_asked_first(client, protected_project):
    holder = Client()
    enter_password(holder, protected_project, "tajne")
    holder.get(PAGES)

    first = client.get(PAGES)
    second = client.get(PAGES)

    assert first["X-Kronika-Cache"] == "miss"
    assert second["X-Kronika-Cache"] == "hit"
    assert titles(second) == titles(first)
