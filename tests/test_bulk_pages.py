"""Pages added in batches (projects.bulk_pages) are the pages add_child would have made, in a valid tree."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from projects.bulk_pages import BulkPagesRefused, add_children
from projects.models import EventReportPage, ReportGoal, ReportParticipant, StoredTranslationState

from .factories import OrganisationFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.KRONIKA_API_CACHE_SECONDS = 0


def report(number: int, organisation) -> EventReportPage:
    page = EventReportPage(
        title=f"Sesja {number}",
        slug=f"sesja-{number}",
        summary="Spotkanie sieciujące.",
        event_kind="dialogue_session",
        event_date=datetime.date(2024, 3, 1),
        city="Gniezno",
        body=[("paragraph", "<p>Spotkanie.</p>")],
    )
    page.participants = [ReportParticipant(organisation=organisation), ReportParticipant(name="PUP w Gnieźnie")]
    page.goals = [ReportGoal(text="Wymiana doświadczeń")]
    return page


def comparable(value):
    """An API answer without what differs between two pages of the same content: ids, slugs, titles, URLs."""
    if isinstance(value, dict):
        return {key: 0 if key == "id" else comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str):
        return re.sub(r"(sesja-|Sesja |pages/)\d+", r"\g<1>N", value)
    return value


def test_a_report_added_in_a_batch_answers_the_api_like_one_added_through_add_child(client, site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    organisation = OrganisationFactory(name="MOPS")
    one_by_one = project.add_child(instance=report(1, organisation))
    [batched] = add_children([(project, report(2, organisation))])

    call_command("rebuild_api_snapshots", stdout=StringIO(), verbosity=0)
    answers = [client.get(f"/api/v2/pages/{page.pk}/").json() for page in (one_by_one, batched)]

    assert answers[1]["meta"]["html_url"].endswith("/projekty/projekt/sesja-2/")
    assert [len(answer["participants"]) for answer in answers] == [2, 2]
    assert comparable(answers[0]) == comparable(answers[1])


def test_batched_pages_continue_the_parents_children_and_keep_the_tree_valid(site_tree):
    first = ProjectPageFactory(parent=site_tree.projects, slug="pierwszy")
    second = ProjectPageFactory(parent=site_tree.projects, slug="drugi")
    organisation = OrganisationFactory()
    existing = first.add_child(instance=report(0, organisation))

    added = add_children(
        [(first, report(1, organisation)), (second, report(2, organisation)), (first, report(3, organisation))]
    )

    assert Page.find_problems() == ([], [], [], [], [])
    assert [page.slug for page in first.get_children()] == ["sesja-0", "sesja-1", "sesja-3"]
    assert Page.objects.get(pk=first.pk).numchild == 3 and Page.objects.get(pk=second.pk).numchild == 1
    assert existing.path < added[0].path
    assert [page.get_parent().pk for page in added] == [first.pk, second.pk, first.pk]
    assert all(
        page.locale_id == site_tree.home.locale_id and page.url_path.endswith(f"/{page.slug}/") for page in added
    )


def test_translation_states_of_batched_pages_are_stored_when_the_batch_commits(
    site_tree, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=site_tree.projects)
    with django_capture_on_commit_callbacks(execute=True):
        [page] = add_children([(project, report(1, OrganisationFactory()))])

    assert StoredTranslationState.objects.filter(translation_key=page.translation_key, state="source").exists()


def test_a_slug_already_taken_under_the_parent_refuses_the_whole_batch(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects)
    organisation = OrganisationFactory()
    project.add_child(instance=report(1, organisation))
    pages_before = Page.objects.count()

    with pytest.raises(BulkPagesRefused, match="sesja-1"):
        add_children([(project, report(2, organisation)), (project, report(1, organisation))])

    assert Page.objects.count() == pages_before and ReportGoal.objects.count() == 1
