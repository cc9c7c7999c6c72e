"""Drafts of event reports from recognised facts: previewed as the API would show them, then created.

`prepare` reads, recognises and matches one file without writing anything; `create` saves the new
organisations, people and offices it proposed and the draft page in one transaction, so a file either
becomes a whole draft or nothing. Nothing is ever published.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..api.views import KronikaPagesAPIViewSet
from ..models import (
    EventReportIndexPage,
    EventReportPage,
    Office,
    Organisation,
    Person,
    ProjectPage,
    ReportGoal,
    ReportModerator,
    ReportOrganiser,
    ReportOutcome,
    ReportParticipant,
    ReportSourceNote,
)
from ..office_hours import office_hours_as_data
from ..phones import normalise_phone_or_blank
from ..visibility import person_is_public
from .facts import CHECK, MISSING, BodyPart, Note, OrganisationFact, ReportFacts
from .matcher import KnownSnippets, programs_of
from .polish import fold
from .readers import SourceDocument, UnreadableFile, read_document
from .recogniser import CONTACTS, ORGANISERS, PARTICIPANTS, PROGRAM, PROJECT, recognise

CONTENT_LANGUAGE = "pl"
STATEMENT_MAX_LENGTH = 500
# Meta fields of the API's detail that a draft does not have yet: its id, its URLs, its publication.
DRAFT_LEAVES_OUT = [
    "id",
    "detail_url",
    "html_url",
    "parent",
    "first_published_at",
    "last_published_at",
    "alias_of",
    "alternates",
    "translation_status",
    "fallback",
    "requested_locale",
]
_DRAFT_FIELDS = [("*", False, None), *((name, True, None) for name in DRAFT_LEAVES_OUT)]


class ImportRefused(Exception):
    """The import cannot start, e.g. the parent page cannot hold event reports."""


def parent_for_reports(page_id: int) -> Page:
    """The project or report index the drafts go under; ImportRefused for any other page."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise ImportRefused(_("There is no page with id %(id)s.") % {"id": page_id})
    page = page.specific
    if not isinstance(page, ProjectPage | EventReportIndexPage):
        raise ImportRefused(
            _("“%(title)s” is not a project or a report index: event reports cannot go under it.")
            % {"title": page.title}
        )
    return page


@dataclass
class PreparedReport:
    """One file, read and recognised: a draft not yet saved, or the reason it cannot be imported."""

    source: str
    error: str = ""
    facts: ReportFacts | None = None
    page: EventReportPage | None = None
    notes: list[Note] = field(default_factory=list)
    reader_warnings: list[str] = field(default_factory=list)
    new_organisations: list[Organisation] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    new_offices: list[Office] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.reader_warnings + [note.text() for note in self.notes]

    @property
    def unrecognised(self) -> list[str]:
        return list(self.facts.unrecognised) if self.facts else []


def prepare(name: str, data: bytes, parent: Page | None, known: KnownSnippets) -> PreparedReport:
    """Read and recognise one file, match what it names, and build its draft in memory (nothing is saved)."""
    try:
        document = read_document(name, data)
    except UnreadableFile as error:
        return PreparedReport(source=name, error=str(error))
    facts = recognise(document, known.cities())
    report = PreparedReport(source=name, facts=facts, reader_warnings=_reader_warnings(document))
    report.notes = list(facts.notes)
    _Drafting(report, parent, known).build()
    return report


def _reader_warnings(document: SourceDocument) -> list[str]:
    warnings = []
    if document.encoding in ("cp1250", "iso-8859-2"):
        warnings.append(
            _("Read as %(encoding)s (not UTF-8): check the Polish letters.")
            % {"encoding": {"cp1250": "Windows-1250", "iso-8859-2": "ISO-8859-2"}[document.encoding]}
        )
    if document.dropped:
        warnings.append(
            _("Left out what the website put around the text: %(lines)s.")
            % {"lines": ", ".join(f"“{line}”" for line in document.dropped)}
        )
    return warnings


class _Drafting:
    """Turns the facts of one report into an unsaved page with unsaved new snippets beside it."""

    def __init__(self, report: PreparedReport, parent: Page | None, known: KnownSnippets) -> None:
        self.report = report
        self.facts = report.facts
        self.parent = parent
        self.known = known
        self.project = parent if isinstance(parent, ProjectPage) else None
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}

    def note(self, kind: str, field_name: Any, message: Any, **params: Any) -> None:
        self.report.notes.append(Note(kind, field_name, message, params))

    def build(self) -> None:
        facts = self.facts
        page = EventReportPage(
            title=facts.title[:255],
            locale=self.known.locale,
            live=False,
            event_kind=facts.event_kind,
            event_date=facts.event_date,
            event_end_date=facts.event_end_date,
            city=facts.city[:100],
            region=facts.region[:100],
            venue=facts.venue[:255],
            participant_count=facts.participant_count,
        )
        page.organisers = [
            ReportOrganiser(role=fact.role[:255], **self.reference(fact, ORGANISERS)) for fact in facts.organisers
        ]
        page.participants = [ReportParticipant(**self.reference(fact, PARTICIPANTS)) for fact in facts.participants]
        page.moderators = [ReportModerator(**self.moderator(name)) for name in facts.moderators]
        page.goals = [ReportGoal(text=text) for text in self.statements(facts.goals)]
        page.outcomes = [ReportOutcome(text=text) for text in self.statements(facts.outcomes)]
        page.body = self.body()
        page.contacts = self.contacts()
        self.check_project_and_program()
        if self.parent is not None:
            # The draft's project and programs in the API come from its place in the tree.
            page.path = self.parent.path + "0" * Page.steplen
            page.depth = self.parent.depth + 1
        self.report.page = page

    # ---------------------------------------------------------------- references

    def reference(self, fact: OrganisationFact, field_name: Any) -> dict:
        """A row's organisation: a known one, or a new one created with the page (named on the row until then)."""
        organisation, by_similarity = self.known.organisation(fact.name)
        if organisation is None and fact.as_written and fact.as_written != fact.name:
            organisation, by_similarity = self.known.organisation(fact.as_written)
        if organisation is not None:
            if by_similarity:
                self.note(
                    CHECK,
                    field_name,
                    gettext_lazy("“%(written)s” matched to the known organisation “%(name)s” by a similar name."),
                    written=fact.as_written or fact.name,
                    name=organisation.name,
                )
            return {"organisation": organisation}
        organisation = self.organisations.get(fact.name)
        if organisation is None:
            organisation = Organisation(name=fact.name[:255], locale=self.known.locale)
            self.organisations[fact.name] = organisation
            self.report.new_organisations.append(organisation)
            self.note(
                CHECK,
                field_name,
                gettext_lazy("“%(name)s” is not in Kronika: it will be added as a new organisation."),
                name=fact.name,
            )
        return {"organisation": organisation, "name": organisation.name}

    def moderator(self, name: str) -> dict:
        person = self.known.person(name=name) or self.people.get(name)
        if person is None:
            return {"name": name}
        if person.pk is not None and not person_is_public(person):
            return {"name": name}
        return {"person": person, "name": person.name if person.pk is None else ""}

    def statements(self, texts: list[str]) -> list[str]:
        kept = []
        for text in texts:
            if len(text) > STATEMENT_MAX_LENGTH:
                self.facts.unrecognised.append(text)
                self.facts.body.append(_paragraph_part(text))
            else:
                kept.append(text)
        return kept

    # ---------------------------------------------------------------- streams

    def body(self) -> list[tuple[str, Any]]:
        blocks: list[tuple[str, Any]] = []
        for part in self.facts.body:
            if part.kind == "heading":
                blocks.append(("heading", {"text": part.text[:200], "level": "h2"}))
            elif part.kind == "list":
                blocks.append(("list", {"style": "bullets", "items": [item[:500] for item in part.items]}))
            elif part.kind == "quote":
                quote = part.quote
                person = self.known.person(name=quote.speaker)
                chosen = person_is_public(person)
                blocks.append(
                    (
                        "quote",
                        {
                            "text": quote.text,
                            "person": person if chosen else None,
                            "attribution": "" if chosen else quote.speaker[:255],
                            "role": quote.role[:255],
                        },
                    )
                )
            else:
                blocks.append(("paragraph", RichText(_paragraph_html(part.text))))
        return blocks

    def contacts(self) -> list[tuple[str, Any]]:
        blocks: list[tuple[str, Any]] = []
        for fact in self.facts.people:
            person = self.known.person(fact)
            if person is None:
                person = Person(
                    name=fact.name[:255],
                    role=fact.role[:255],
                    email=fact.email,
                    phone=fact.phone[:40],
                    office_hours=fact.office_hours[:120],
                    organisation=self.lead_organisation(),
                    locale=self.known.locale,
                )
                _derive_contact_forms(person)
                self.people[fact.name] = person
                self.report.new_people.append(person)
                self.note(
                    CHECK,
                    CONTACTS,
                    gettext_lazy("%(name)s is not in Kronika: they will be added as a new person."),
                    name=fact.name,
                )
            elif not person_is_public(person):
                self.note(
                    CHECK, CONTACTS, gettext_lazy("%(name)s is not public: left out of the contacts."), name=person.name
                )
                continue
            blocks.append(("staff_contact", {"person": person, "note": ""}))
        for fact in self.facts.offices:
            office = self.known.office(fact)
            if office is None:
                organisation = self.lead_organisation()
                if organisation is None:
                    self.note(
                        MISSING,
                        CONTACTS,
                        gettext_lazy(
                            "The office “%(name)s” belongs to no known organisation: its phone and e-mail are "
                            "kept as a contact line."
                        ),
                        name=fact.name,
                    )
                    blocks.append(
                        ("contact_line", {"label": fact.name[:255], "phone": fact.phone, "email": fact.email})
                    )
                    continue
                office = Office(
                    organisation=organisation,
                    name=fact.name[:255],
                    street_address=fact.street_address[:255],
                    postal_code=fact.postal_code,
                    city=fact.city[:100],
                    phone=fact.phone[:40],
                    email=fact.email,
                    locale=self.known.locale,
                )
                _derive_contact_forms(office)
                self.report.new_offices.append(office)
                self.note(
                    CHECK,
                    CONTACTS,
                    gettext_lazy("The office “%(name)s” is not in Kronika: it will be added for %(organisation)s."),
                    name=fact.name,
                    organisation=organisation.name,
                )
            blocks.append(("office", {"office": office}))
        for fact in self.facts.contact_lines:
            blocks.append(("contact_line", {"label": fact.label, "phone": fact.phone, "email": fact.email}))
        return blocks

    def lead_organisation(self) -> Organisation | None:
        """Whose new offices and people these are: the project's lead organisation, else the first organiser."""
        if self.project is not None and self.project.lead_organisation_id:
            return self.project.lead_organisation
        rows = self.report.page.organisers if self.report.page is not None else []
        for row in rows:
            return row.organisation
        for fact in self.facts.organisers:
            organisation, _similar = self.known.organisation(fact.name)
            return organisation or self.organisations.get(fact.name)
        return None

    # ---------------------------------------------------------------- project and program

    def check_project_and_program(self) -> None:
        facts = self.facts
        if facts.project_title and self.project is not None:
            titles = {fold(self.project.title), fold(self.project.official_title)}
            if fold(facts.project_title) not in titles:
                self.note(
                    CHECK,
                    PROJECT,
                    gettext_lazy("The text names the project “%(title)s”, but the draft goes under “%(parent)s”."),
                    title=facts.project_title,
                    parent=self.project.title,
                )
        if facts.program is None:
            return
        years = (
            f" ({facts.program.first_year}–{facts.program.last_year})"
            if facts.program.first_year and facts.program.last_year
            else ""
        )
        program = self.known.program(facts.program)
        if program is None:
            self.note(
                MISSING,
                PROGRAM,
                gettext_lazy("The text names the funding program “%(program)s”%(years)s, which is not in Kronika."),
                program=facts.program.name,
                years=years,
            )
        elif self.project is None or program not in programs_of(self.project):
            self.note(
                CHECK,
                PROGRAM,
                gettext_lazy(
                    "The text names the funding program “%(program)s”%(years)s, which the project does not list."
                ),
                program=program.title,
                years=years,
            )
        else:
            self.note(
                CHECK,
                PROGRAM,
                gettext_lazy("Funded by “%(program)s”%(years)s, as the project says."),
                program=program.title,
                years=years,
            )


def _derive_contact_forms(contact: Person | Office) -> None:
    """The normalised phone and structured hours a save would store, so the preview shows them too."""
    contact.phone_e164 = normalise_phone_or_blank(contact.phone)
    contact.office_hours_ranges = office_hours_as_data(contact.office_hours)


def _paragraph_part(text: str) -> BodyPart:
    return BodyPart("paragraph", text=text)


def _paragraph_html(text: str) -> str:
    return "<p>" + "<br/>".join(escape(line) for line in text.split("\n")) + "</p>"


# ---------------------------------------------------------------- the draft as the API shows it


class _DraftBatch:
    """What the API's page serializer and its fields read from a ResultBatch, for one unsaved draft: its
    project is its parent, and it has no snapshot.

    A ResultBatch loads its items' rows and chosen objects from the database by primary key, which an
    unsaved draft does not have; the serializer and its fields only read these four members of it.
    """

    link_urls: dict = {}

    def __init__(self, parent: Page | None) -> None:
        self.parent = parent

    def stored_representation(self, item: Any) -> None:
        return None

    def project_of(self, report: EventReportPage) -> ProjectPage | None:
        return self.parent if isinstance(self.parent, ProjectPage) else None

    def programs_of(self, project: ProjectPage) -> list:
        return programs_of(project)


def draft_representation(report: PreparedReport, parent: Page | None, request: HttpRequest | None = None) -> dict:
    """The draft in the shape of the API's detail of an event report with fields=*, without id or URLs.

    Built by the serializer the pages endpoint uses, so the shapes cannot drift apart. Without a request,
    links (the project's URL) are made from the site's own address.
    """
    router = WagtailAPIRouter("wagtailapi")
    router.register_endpoint("pages", KronikaPagesAPIViewSet)
    serializer_class = KronikaPagesAPIViewSet._get_serializer_class(
        router, EventReportPage, _DRAFT_FIELDS, show_details=True
    )
    context = {
        "request": request,
        "router": router,
        "view": SimpleNamespace(seen_types={}),
        "batch": _DraftBatch(parent),
    }
    return serializer_class(report.page, context=context).data


# ---------------------------------------------------------------- creation


def create(report: PreparedReport, parent: Page, known: KnownSnippets, user: Any = None) -> EventReportPage:
    """Save the new snippets and the draft in one transaction; the draft is never published."""
    if report.page is None:
        raise ImportRefused(report.error)
    with transaction.atomic():
        for organisation in report.new_organisations:
            organisation.save()
            known.organisations.append(organisation)
        for office in report.new_offices:
            office.organisation = office.organisation
            office.save()
            known.offices.append(office)
        for person in report.new_people:
            person.organisation = person.organisation
            person.save()
            known.people.append(person)
        page = report.page
        for rows in (page.organisers.all(), page.participants.all()):
            for row in rows:
                if row.organisation is not None:
                    row.organisation = row.organisation
                    row.name = ""
        for row in page.moderators.all():
            if row.person is not None:
                row.person = row.person
                row.name = ""
        page.source_notes = [
            ReportSourceNote(
                kind=note.kind,
                field_name=_in_content_language(note.field_name)[:100],
                note=note.text(CONTENT_LANGUAGE)[:500],
            )
            for note in report.notes
        ]
        page.path = None
        page.depth = None
        if user is not None:
            page.owner = user
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True, clean=False)
    return page


def _in_content_language(text: Any) -> str:
    with override(CONTENT_LANGUAGE):
        return str(text)
