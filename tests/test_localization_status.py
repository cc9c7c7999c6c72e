"""Translation status per object and locale, its cost in queries, and how it follows source edits."""

import pytest
from wagtail_localize.models import Translation, TranslationSource

from projects.localization.machine import translate_object
from projects.localization.status import (
    TranslationState,
    computed_translation_states,
    keys_by_model,
    translation_status_map,
)

from .factories import EventReportPageFactory, OrganisationFactory, PersonFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db

S = TranslationState


@pytest.fixture
def report(site_tree, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects]:
            translate_everything(page, english)
        project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
        translate_everything(project, english)
        report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa", summary="Krótko.")
        report.save_revision().publish()
    report.refresh_from_db()
    return report


def states(obj) -> dict[str, TranslationState]:
    status = translation_status_map([obj])
    return {code: status[(obj.translation_key, code)] for code in ["pl", "en", "uk", "de"]}


def test_untranslated_page_is_missing_everywhere_but_its_source(report):
    assert states(report) == {"pl": S.SOURCE, "en": S.MISSING, "uk": S.MISSING, "de": S.MISSING}


def test_fully_translated_page_is_up_to_date(report, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)

    assert states(report)["en"] == S.UP_TO_DATE
    assert report.get_translation(english).live


def test_translation_with_untranslated_strings_is_out_of_date(report, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(report, english)

    assert states(report)["en"] == S.OUT_OF_DATE


def test_editing_and_publishing_the_source_makes_the_translation_out_of_date(
    report, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)
    assert states(report)["en"] == S.UP_TO_DATE

    report.summary = "Zupełnie nowe streszczenie."
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    assert states(report)["en"] == S.OUT_OF_DATE


def test_source_published_without_resync_is_out_of_date(report, english, django_capture_on_commit_callbacks):
    """Even if the automatic sync did not run, a source published after its last extraction is out of date."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)
    source = TranslationSource.objects.get_for_instance(report)
    # An update() sends no signal, so what is stored stays as it was: the computation is what is tested here.
    TranslationSource.objects.filter(pk=source.pk).update(last_updated_at=report.last_published_at.replace(year=2000))

    assert computed_translation_states(keys_by_model([report]))[(report.translation_key, "en")] == S.OUT_OF_DATE


def test_new_synchronised_value_reaches_the_translation_on_source_publish(
    report, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)

    report.venue = ""
    report.city = report.city
    report.event_date = report.event_date.replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    translation = report.get_translation(english)
    assert translation.event_date == report.event_date
    assert translation.live and not translation.has_unpublished_changes
    assert states(report)["en"] == S.UP_TO_DATE


def test_text_change_waits_as_a_draft_instead_of_mixing_languages(report, english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything(report, english)

    report.summary = "Nowe zdanie."
    report.event_date = report.event_date.replace(day=2)
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    translation = report.get_translation(english)
    assert translation.summary == "EN Krótko."
    assert translation.has_unpublished_changes
    assert translation.get_latest_revision_as_object().event_date == report.event_date


def test_snippet_states_and_phone_change_reaches_translation(db, english):
    person = PersonFactory(role="Koordynatorka")
    translate_everything(person.organisation, english)
    translate_everything(person, english)
    assert states(person)["en"] == S.UP_TO_DATE

    person.phone = "63 245 58 29"
    person.save()
    assert person.get_translation(english).phone == "63 245 58 29"
    assert states(person)["en"] == S.UP_TO_DATE

    person.role = "Prezeska"
    person.save()
    assert states(person)["en"] == S.OUT_OF_DATE


def test_hand_made_translation_without_wagtail_localize_counts_as_up_to_date(db, english):
    organisation = OrganisationFactory()
    organisation.copy_for_translation(english).save()

    assert states(organisation) == {"pl": S.SOURCE, "en": S.UP_TO_DATE, "uk": S.MISSING, "de": S.MISSING}


def test_unconfigured_locale_is_left_out(report, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski"), ("en", "English")]

    assert set(translation_status_map([report])) == {(report.translation_key, "pl"), (report.translation_key, "en")}


def _translated_reports_and_people(count, report, english, capture) -> list:
    """`count` reports, every other one submitted for translation, and `count` people, their states stored."""
    with capture(execute=True):
        reports = [report] + [
            EventReportPageFactory(parent=report.get_parent(), slug=f"r{n}", title=f"R {n}") for n in range(count - 1)
        ]
        for page in reports[::2]:
            translate_object(page, english)
        people = [PersonFactory() for _ in range(count)]
    return [page.specific for page in reports] + people


@pytest.mark.parametrize("count", [1, 20])
def test_stored_states_are_read_in_one_query_for_1_or_20_objects(
    count, report, english, django_assert_num_queries, django_capture_on_commit_callbacks
):
    objects = _translated_reports_and_people(count, report, english, django_capture_on_commit_callbacks)

    with django_assert_num_queries(1):
        status = translation_status_map(objects)

    assert len(status) == 2 * count * 4
    assert status == computed_translation_states(keys_by_model(objects))
    assert status[(report.translation_key, "en")] == S.OUT_OF_DATE


@pytest.mark.parametrize("count", [1, 20])
def test_computing_states_costs_the_same_queries_for_1_or_20_objects(
    count, report, english, django_assert_num_queries, django_capture_on_commit_callbacks
):
    objects = _translated_reports_and_people(count, report, english, django_capture_on_commit_callbacks)

    # Pages, people, sources, sync logs, string translations, string segments.
    with django_assert_num_queries(6):
        status = computed_translation_states(keys_by_model(objects))

    assert len(status) == 2 * count * 4
    assert Translation.objects.count() >= 1


@pytest.mark.parametrize("count", [1, 20])
def test_computing_states_of_pages_never_submitted_costs_two_queries(count, site_tree, django_assert_num_queries):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    pages = [EventReportPageFactory(parent=project, slug=f"r{n}") for n in range(count)]

    # Nothing was committed, so nothing is stored: the map reads the store, then computes.
    with django_assert_num_queries(3):
        status = translation_status_map(pages)

    assert {status[(page.translation_key, "en")] for page in pages} == {S.MISSING}
