"""Organisations, people, offices and programs Kronika already holds, found again from what a text says.

Names compare without case, diacritics or punctuation; people also by e-mail and phone, offices by
phone, then by e-mail and city, then by address. A name that differs by a letter or two from a known
one (typos are common in old reports) is matched too, and the match is reported for checking.
"""

from difflib import SequenceMatcher

from django.db.models import Q
from wagtail.models import Locale

from ..models import EventReportPage, FundingProgramPage, Office, Organisation, Person
from ..phones import normalise_phone_or_blank
from .facts import OfficeFact, PersonFact, ProgramFact
from .polish import fold

SIMILAR_ENOUGH = 0.9


class KnownSnippets:
    """The source-language snippets and programs, loaded once per import; new ones join as they are created."""

    def __init__(self, locale: Locale) -> None:
        self.locale = locale
        self.organisations = list(Organisation.objects.filter(locale=locale))
        self.people = list(Person.objects.filter(locale=locale).select_related("organisation"))
        self.offices = list(Office.objects.filter(locale=locale).select_related("organisation"))
        self.programs = list(FundingProgramPage.objects.filter(locale=locale))

    def cities(self) -> list[str]:
        """City names Kronika holds: of reports, organisations and offices."""
        names = set(EventReportPage.objects.exclude(city="").values_list("city", flat=True))
        names |= {organisation.city for organisation in self.organisations if organisation.city}
        names |= {office.city for office in self.offices if office.city}
        return sorted(names)

    def organisation(self, name: str) -> tuple[Organisation | None, bool]:
        """(the organisation, whether only by similarity) or (None, False)."""
        key = fold(name)
        if not key:
            return None, False
        for organisation in self.organisations:
            if fold(organisation.name) == key:
                return organisation, False
        by_acronym = [item for item in self.organisations if item.acronym and fold(item.acronym) == key]
        if len(by_acronym) == 1:
            return by_acronym[0], False
        return _most_similar(key, self.organisations, lambda item: item.name)

    def person(self, fact: PersonFact | None = None, *, name: str = "") -> Person | None:
        name = fact.name if fact else name
        if fact and fact.email:
            found = [person for person in self.people if person.email and person.email.lower() == fact.email.lower()]
            if found:
                return found[0]
        phone = normalise_phone_or_blank(fact.phone) if fact else ""
        if phone:
            found = [person for person in self.people if person.phone_e164 == phone]
            if found:
                return found[0]
        found = [person for person in self.people if fold(person.name) == fold(name)]
        return found[0] if len(found) == 1 else None

    def office(self, fact: OfficeFact) -> Office | None:
        phone = normalise_phone_or_blank(fact.phone)
        for office in self.offices:
            if phone and office.phone_e164 == phone:
                return office
        for office in self.offices:
            if fact.email and office.email.lower() == fact.email.lower() and fold(office.city) == fold(fact.city):
                return office
        for office in self.offices:
            if fold(office.street_address) == fold(fact.street_address) and fold(office.city) == fold(fact.city):
                return office
        return None

    def program(self, fact: ProgramFact) -> FundingProgramPage | None:
        key = fold(fact.name)
        for program in self.programs:
            if key and (fold(program.title) == key or key in fold(program.full_name).split(" ")):
                return program
        return None


def _most_similar(key: str, items: list, name_of) -> tuple[object | None, bool]:
    best, best_ratio = None, 0.0
    for item in items:
        ratio = SequenceMatcher(None, key, fold(name_of(item))).ratio()
        if ratio > best_ratio:
            best, best_ratio = item, ratio
    return (best, True) if best is not None and best_ratio >= SIMILAR_ENOUGH else (None, False)


def programs_of(project) -> list[FundingProgramPage]:
    """The programs in a project's funding rows."""
    return list(FundingProgramPage.objects.filter(Q(pk__in=project.funding.values("program"))))
