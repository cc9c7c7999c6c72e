"""The demo's English translation: written in the data file, applied through wagtail-localize, complete."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationLog

from projects.localization.machine import source_objects
from projects.localization.status import TranslationState, translation_status_map
from projects.models import EventReportPage, FundingProgramPage, Organisation, Person

pytestmark = pytest.mark.django_db

GNIEZNO_EN = "/en/projects/woes/dialogue-session-gniezno-2016/"
BILGORAJ_EN = "/en/projects/blizej-pasji-foundation-project/senior-organisations-breakfast-bilgoraj/"


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, verbosity=1, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo loaded once for this module; each test's own changes roll back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)
    cache.clear()


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def test_everything_the_demo_shows_is_translated_into_english_and_up_to_date(demo):
    objects = source_objects()
    status = translation_status_map(objects)

    assert "Translation into en: 27 (27 created)" in demo
    assert len(objects) == 27
    assert {status[(obj.translation_key, "en")] for obj in objects} == {TranslationState.UP_TO_DATE}
    assert Translation.objects.filter(target_locale=english()).count() == 27
    assert Page.objects.filter(locale=english(), live=False).count() == 0


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        (
            GNIEZNO_EN,
            [
                "Dialogue session at the Gniezno County Office",
                "Caritas of the Archdiocese of Gniezno",
                "Local partnerships facilitator",
                "The session hall during the dialogue session",
                "support in building partnerships",
                "63 245 58 29",
            ],
        ),
        (BILGORAJ_EN, ["First breakfast of senior citizens", "What is networking?", "501 144 678"]),
        ("/en/", ["Kronika brings together"]),
    ],
)
def test_english_pages_answer_at_their_own_urls_in_english(client, demo, url, texts):
    response = client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in body


def test_names_and_facts_stay_as_in_the_source(demo):
    polish = EventReportPage.objects.get(slug="sesja-dialogowa-gniezno-2016")
    translated = polish.get_translation(english())
    anna = Person.objects.get(name="Anna Giżycka", locale=english())

    assert (translated.event_date, translated.hero_image_id) == (polish.event_date, polish.hero_image_id)
    assert (anna.phone, anna.email, anna.office_hours) == ("512-212-242", "anna.gizycka@spoldzielnie.org", "8:30-16:30")
    assert Organisation.objects.get(acronym="MOPS", locale=english()).name == "MOPS Gniezno"
    assert [row.person.locale for row in translated.moderators.all()] == [english(), english()]


def test_running_it_again_changes_no_translation(demo):
    logs = TranslationLog.objects.count()
    strings = list(StringTranslation.objects.values_list("pk", "data"))

    output = load_demo()

    assert "Translation into en: 27 (27 unchanged)" in output
    assert TranslationLog.objects.count() == logs
    assert list(StringTranslation.objects.values_list("pk", "data")) == strings


def test_english_report_and_project_name_the_english_program(client, demo):
    program = FundingProgramPage.objects.get(locale=english())
    # The Biłgoraj project is the one the demo's program funds.
    report = EventReportPage.objects.get(slug="sniadanie-organizacji-senioralnych-bilgoraj").get_translation(english())

    for page in (report, report.get_parent()):
        assert [item["id"] for item in client.get(f"/api/v2/pages/{page.pk}/").json()["programs"]] == [program.pk]
    assert f'href="{program.url}"' in client.get(report.get_parent().url).content.decode()
