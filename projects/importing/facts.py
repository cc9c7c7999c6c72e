"""What the recogniser found in one report, before anything is matched or saved: plain data."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import override

MISSING = "missing"
ASSUMPTION = "assumption"
CHECK = "check"


@dataclass
class OrganisationFact:
    """An organisation named in the text, in the nominative as far as the rules could tell."""

    name: str
    role: str = ""
    as_written: str = ""


@dataclass
class PersonFact:
    """A person to contact or who spoke, with what the text gives about them."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    office_hours: str = ""


@dataclass
class OfficeFact:
    """An office address block: street, postal code and city, with its phone and e-mail."""

    name: str
    street_address: str
    postal_code: str
    city: str
    phone: str = ""
    email: str = ""


@dataclass
class ContactLineFact:
    """A phone or e-mail given with no person or office."""

    phone: str = ""
    email: str = ""
    label: str = ""


@dataclass
class QuoteFact:
    text: str
    speaker: str
    role: str = ""


@dataclass
class BodyPart:
    """A piece of the report's text in order: a paragraph, a heading, a list or a quote."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    quote: QuoteFact | None = None


@dataclass
class Note:
    """A guess or gap the editor must check: shown as a warning and kept as a source note on the draft.

    The message is a lazy translation with its parameters apart, so the preview shows it in the editor's
    language while the draft keeps it in the language of the content (Polish).
    """

    kind: str
    field_name: str
    message: Any
    params: dict = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        if language is None:
            return str(self.message % self.params) if self.params else str(self.message)
        with override(language):
            return self.text()


@dataclass
class ProgramFact:
    name: str
    first_year: int | None = None
    last_year: int | None = None


@dataclass
class ReportFacts:
    """Every field the recogniser could fill, and what it could not place."""

    title: str = ""
    event_kind: str = ""
    event_date: datetime.date | None = None
    event_end_date: datetime.date | None = None
    city: str = ""
    city_as_written: str = ""
    region: str = ""
    venue: str = ""
    organisers: list[OrganisationFact] = field(default_factory=list)
    moderators: list[str] = field(default_factory=list)
    participants: list[OrganisationFact] = field(default_factory=list)
    participant_count: int | None = None
    goals: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    body: list[BodyPart] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    offices: list[OfficeFact] = field(default_factory=list)
    contact_lines: list[ContactLineFact] = field(default_factory=list)
    project_title: str | None = None
    program: ProgramFact | None = None
    notes: list[Note] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)

    def note(self, kind: str, field_name: str, message: Any, **params: Any) -> None:
        self.notes.append(Note(kind, field_name, message, params))
