"""Builds the benchmark's content: 2,000 event reports with hero and body images, participants and contacts."""

import datetime
import io
import os
import sys
import time

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from home.models import HomePage
from projects import planner_statistics
from projects.bulk_pages import add_children
from projects.localization.machine import translate_object
from projects.models import (
    EventKind,
    EventReportIndexPage,
    EventReportPage,
    FundingProgramIndexPage,
    Office,
    Organisation,
    Person,
    ProjectIndexPage,
    ProjectPage,
    ReportGoal,
    ReportParticipant,
)
from projects.progress import progress

# BENCH_SIZE=20000 measures search at ten times the size.
REPORTS = int(os.environ.get("BENCH_SIZE", "2000"))
# Reports added per batch of inserts.
REPORT_BATCH = 500
# Reports translated into English through wagtail-localize, the first ones of the listing.
TRANSLATED_REPORTS = 50
PROJECTS = 20
IMAGES = 40
ORGANISATIONS = 60


def _image(number: int):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 1067), (number * 5 % 255, 120, 200 - number % 200)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=f"Zdjęcie {number}",
        description=f"Uczestnicy spotkania {number}",
        file=ImageFile(buffer, name=f"bench-{number}.jpg"),
    )


def _body(number: int, images: list, person: Person, office: Office) -> list[tuple[str, dict | str]]:
    return [
        ("paragraph", f"<p>Spotkanie nr {number} zgromadziło przedstawicieli organizacji z powiatu.</p>"),
        ("image", {"image": images[(number + 1) % len(images)], "alt_text": "", "caption": "Sala", "credit": "fot. K"}),
        ("quote", {"text": "To było dobre spotkanie.", "person": person, "attribution": "", "role": ""}),
        ("quote", {"text": "Przyjdziemy znowu.", "person": None, "attribution": speaker(number), "role": "sołtys"}),
        ("office", {"office": office}),
    ]


SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "ji", "ko", "lu", "ma"]


def speaker_surname(number: int) -> str:
    """A surname only this report's quote has, as people remember one speaker: 1234 -> "Cedifoski"."""
    return "".join(SYLLABLES[int(digit)] for digit in str(number)).capitalize() + "ski"


def speaker(number: int) -> str:
    return f"Jan {speaker_surname(number)}"


class MarkingTranslator(BaseMachineTranslator):
    """Translates by marking each string, as a translator would fill it in: no network in a benchmark."""

    display_name = "Bench"

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue(f"EN {string.data}") for string in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code


def build(
    reports: int = REPORTS, translate: bool = True, snapshots: bool = True, show_progress: bool = False
) -> dict[str, float]:
    """Fill an empty, migrated database (the admin's usage index is not needed for the API, so it is skipped).

    Like any bulk import, it creates pages without publishing them one by one (the reports in batches, through
    projects.bulk_pages), so it turns off the background rebuild of API snapshots and the search documents'
    updates, and builds both at the end with the commands a deploy runs. Returns the seconds of each step.
    """
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    with (
        override_settings(KRONIKA_API_SNAPSHOT_REBUILDS=False, KRONIKA_SEARCH_AUTO_UPDATE=False),
        disable_reference_index_auto_update(),
    ):
        with transaction.atomic():
            _build(reports, show_progress)
        planner_statistics.refresh()
        seconds["pages"] = time.perf_counter() - started
        # Each in its own transaction, as translators work; their translation states are stored as each commits.
        if translate:
            started = time.perf_counter()
            _translate_first_reports()
            seconds["translations"] = time.perf_counter() - started
    verbosity = 1 if show_progress else 0
    started = time.perf_counter()
    call_command("rebuild_search_documents", verbosity=verbosity, stdout=io.StringIO())
    seconds["search_documents"] = time.perf_counter() - started
    if snapshots:
        started = time.perf_counter()
        call_command("rebuild_api_snapshots", verbosity=verbosity, stdout=io.StringIO())
        seconds["api_snapshots"] = time.perf_counter() - started
    return {step: round(value, 1) for step, value in seconds.items()}


def translated_reports() -> list[EventReportPage]:
    """The Polish reports translated into English: the first of the listing, which is ordered by tree path."""
    default = Locale.get_default()
    return list(EventReportPage.objects.filter(locale=default).order_by("path")[:TRANSLATED_REPORTS])


def untranslated_report() -> EventReportPage:
    return EventReportPage.objects.filter(locale=Locale.get_default()).order_by("path").last()


def _translate_first_reports() -> None:
    english = Locale.objects.get(language_code="en")
    translator = MarkingTranslator({})
    reports = translated_reports()
    parents = Page.objects.filter(pk__in=[report.get_parent().pk for report in reports]).specific()
    home = Site.objects.get(is_default_site=True).root_page.specific
    indexes = [page.specific for page in home.get_children()]
    for page in [home, *indexes, *parents, *reports]:
        translate_object(page, english, translator)


def _report(number: int, images: list, people: list, offices: list, organisations: list) -> EventReportPage:
    slot = number % PROJECTS
    report = EventReportPage(
        title=f"Sesja dialogowa {number}",
        slug=f"relacja-{number}",
        summary="Spotkanie sieciujące organizacji pozarządowych.",
        hero_image=images[number % IMAGES],
        event_kind=EventKind.DIALOGUE_SESSION,
        event_date=datetime.date(2023, 1, 1) + datetime.timedelta(days=number % 700),
        city="Gniezno",
        region="powiat gnieźnieński",
        venue="Sala sesyjna",
        body=_body(number, images, people[slot], offices[slot]),
        contacts=[("staff_contact", {"person": people[slot], "note": ""}), ("office", {"office": offices[slot]})],
    )
    report.participants = [
        ReportParticipant(organisation=organisations[(number + k) % ORGANISATIONS]) for k in range(3)
    ]
    report.goals = [ReportGoal(text="Wymiana doświadczeń")]
    return report


def _build(reports: int, show_progress: bool) -> None:
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Kronika", slug="kronika", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "127.0.0.1"})
    home.add_child(instance=FundingProgramIndexPage(title="Programy", slug="programy"))
    project_index = home.add_child(instance=ProjectIndexPage(title="Projekty", slug="projekty"))
    home.add_child(instance=EventReportIndexPage(title="Relacje", slug="relacje"))

    images = [_image(n) for n in range(IMAGES)]
    organisations = [
        Organisation.objects.create(name=f"Stowarzyszenie {n}", city="Gniezno", locale=locale)
        for n in range(ORGANISATIONS)
    ]
    people = [
        Person.objects.create(name=f"Osoba {n}", role="Koordynatorka", organisation=organisations[n], locale=locale)
        for n in range(PROJECTS)
    ]
    offices = [
        Office.objects.create(
            organisation=organisations[n], name="Biuro", street_address="ul. Wrzosowa 7", city="Konin", locale=locale
        )
        for n in range(PROJECTS)
    ]
    projects = [
        project_index.add_child(
            instance=ProjectPage(title=f"Projekt {n}", slug=f"projekt-{n}", lead_organisation=organisations[n])
        )
        for n in range(PROJECTS)
    ]
    # One report through the page API, as an editor would make it; the rest in batches (projects.bulk_pages).
    projects[0].add_child(instance=_report(0, images, people, offices, organisations))
    batches = range(1, reports, REPORT_BATCH)
    for start in progress(batches, "reports (batches)", stream=sys.stderr if show_progress else None):
        numbers = range(start, min(start + REPORT_BATCH, reports))
        add_children(
            (projects[number % PROJECTS], _report(number, images, people, offices, organisations)) for number in numbers
        )
    # Announce a publication of the first reports, which between them show every image, so that
    # whatever is made on publishing (renditions) exists before anything is measured.
    for page in EventReportPage.objects.order_by("pk")[:IMAGES]:
        page_published.send(sender=EventReportPage, instance=page, revision=None)
