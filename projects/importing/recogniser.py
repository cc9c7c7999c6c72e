"""The fields of an event report, recognised in the text of an old one as people write them in Polish.

Each step takes what it recognises from the blocks and marks the blocks it placed in full (a list
of goals, a contact block, a quotation); every other block stays in the body, in order, so nothing
is dropped. Every guess leaves a note for the editor. `known_cities` are city names Kronika already
holds: a city read from a locative that matches one of them is taken as it is written there.
"""

import re
from collections import Counter
from collections.abc import Iterable

import phonenumbers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..conf import default_phone_region
from ..office_hours import office_hours_as_data
from ..phones import normalise_phone_or_blank
from .dates import FoundDate, find_dates
from .facts import (
    CHECK,
    MISSING,
    BodyPart,
    ContactLineFact,
    OfficeFact,
    OrganisationFact,
    PersonFact,
    ProgramFact,
    QuoteFact,
    ReportFacts,
)
from .polish import CAPITALISED, LOWER, UPPER, VENUE_HEADS, city_candidates, fold, head_noun, nominative_name
from .readers import HEADING, ITEM, PARAGRAPH, QUOTE, Block, SourceDocument

EVENT_DATE = _("event date")
CITY = _("city")
VENUE = _("venue")
TITLE = _("title")
KIND = _("kind of event")
ORGANISERS = _("organisers")
MODERATORS = _("moderators")
PARTICIPANTS = _("participating organisations")
PROJECT = _("project")
PROGRAM = _("funding program")
QUOTES = _("quote")
CONTACTS = _("contacts")
PHOTO = _("photo")
GOALS = _("goals")
OUTCOMES = _("outcomes")

# Keywords of each kind of event, in the order they are tried (stems, matched on folded text).
EVENT_KINDS = [
    ("dialogue_session", ("sesja dialogow", "sesji dialogow", "sesje dialogow")),
    ("networking", ("sieciuj", "networking", "sniadani", "sieciowani")),
    ("workshop", ("warsztat",)),
    ("training", ("szkoleni",)),
    ("conference", ("konferencj", "forum", "kongres")),
    ("consultation", ("konsultacj",)),
    ("cultural", ("koncert", "wystaw", "festyn", "festiwal", "spektakl", "piknik")),
]
_ABBREVIATIONS = (
    "ul.",
    "tel.",
    "pt.",
    "ds.",
    "im.",
    "św.",
    "np.",
    "tzw.",
    "m.in.",
    "prof.",
    "dr.",
    "ks.",
    "al.",
    "os.",
)
_NAME = rf"{CAPITALISED}(?:\s+{CAPITALISED}){{1,2}}"
_SPEECH_VERBS = (
    r"(?:powiedział[a]?|mówi|mówił[a]?|podkreśla|podkreślił[a]?|zaznacza|zaznaczył[a]?|dodaje|dodał[a]?|"
    r"opowiada|opowiadał[a]?|stwierdził[a]?|wyjaśnia|wyjaśniał[a]?|tłumaczy|przekonuje|przekonywał[a]?|"
    r"zauważa|zauważył[a]?|relacjonuje|mówiła|wspomina|podsumował[a]?|podsumowuje)"
)
_QUOTE_PAIRS = [("„", "”"), ("„", "“"), ("«", "»"), ("»", "«"), ('"', '"'), ("“", "”")]
_QUOTE_CHARS = '„”“«»"'
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTAL = re.compile(rf"\b(\d{{2}}-\d{{3}})\s+({UPPER}{LOWER}+(?:[ -]{UPPER}{LOWER}+)?)")
_STREET = re.compile(rf"\b((?:ul|al|pl|os)\.\s*{UPPER}[^|,;\n]*?\d+[A-Za-z]?(?:/\d+)?)")
_HOURS_LINE = re.compile(r"^[\w.\s]*\d{1,2}(?:[.:]\d{2})?\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?\s*$")
_MIN_QUOTE_WORDS = 6


def recognise(document: SourceDocument, known_cities: Iterable[str] = ()) -> ReportFacts:
    """The fields of one report, and the notes on what was guessed or missing."""
    facts = ReportFacts()
    blocks = list(document.blocks)
    placed: set[int] = set()
    quotes = _find_quotes(blocks, placed, facts)
    _find_list_fields(blocks, placed, facts)
    _find_contacts(blocks, placed, facts)
    narrative = [block.text for index, block in enumerate(blocks) if index not in placed and block.kind != QUOTE]
    text = "\n\n".join(narrative)
    facts.title = document.title
    _find_kind(document.title, text, facts)
    _find_dates(text, facts)
    _find_place(text, facts, {fold(city): city for city in known_cities if city})
    _find_organisers(text, facts)
    _find_moderators(text, facts)
    _find_participants(blocks, placed, facts)
    _find_participant_count(text, facts)
    _find_goal_sentences(blocks, placed, facts)
    _find_outcome_sentences(blocks, placed, facts)
    _find_project_and_program(text, facts)
    _find_loose_contacts(blocks, placed, facts)
    _build_body(blocks, placed, quotes, facts)
    _title_if_missing(document, facts)
    return facts


# ---------------------------------------------------------------- sentences


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations such as "ul." or "tel." do not end one."""
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ„\"–—«])", text.replace("\n", " "))
    merged: list[str] = []
    for part in parts:
        if merged and merged[-1].lower().endswith(_ABBREVIATIONS):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [part.strip() for part in merged if part.strip()]


# ---------------------------------------------------------------- kind, dates, place


def _find_kind(title: str, text: str, facts: ReportFacts) -> None:
    for haystack in (fold(title), fold(text)):
        counts = Counter()
        for kind, stems in EVENT_KINDS:
            counts[kind] = sum(haystack.count(stem) for stem in stems)
        if counts and max(counts.values()):
            facts.event_kind = next(kind for kind, _stems in EVENT_KINDS if counts[kind] == max(counts.values()))
            facts.note(CHECK, KIND, _("Kind of event guessed from the words of the text: check it."))
            return
    facts.event_kind = "other"
    facts.note(MISSING, KIND, _("The text does not say what kind of event it was: “other” is set; choose the kind."))


_EVENT_VERBS = re.compile(r"odbył|odbyła|odbyło|odbędzie|miał[oa]? miejsce|zorganizowa|zrealizowa|spotka|gości", re.I)


def _find_dates(text: str, facts: ReportFacts) -> None:
    found: list[FoundDate] = []
    for sentence in sentences(text):
        for date in find_dates(sentence):
            found.append((0 if _EVENT_VERBS.search(sentence) else 1, len(found), date))
    if not found:
        facts.note(MISSING, EVENT_DATE, _("The text gives no date of the event: add it."))
        return
    found.sort(key=lambda item: (item[0], item[1]))
    chosen = found[0][2]
    others = sorted({date.text for _rank, _order, date in found[1:] if date.text != chosen.text})
    if chosen.year is None:
        if chosen.this_year:
            facts.note(
                MISSING,
                EVENT_DATE,
                _("The text dates the event “%(date)s” and “this year” without saying which year: add the year."),
                date=f"{chosen.text} b.r.",
            )
        else:
            facts.note(
                MISSING,
                EVENT_DATE,
                _("The text dates the event “%(date)s” with no year: the date is left empty; add it with its year."),
                date=chosen.text,
            )
        return
    facts.event_date, facts.event_end_date = chosen.start, chosen.end
    if others:
        facts.note(
            CHECK,
            EVENT_DATE,
            _("Event date read from “%(date)s”; the text also gives %(others)s: check which is the event's."),
            date=chosen.text,
            others=", ".join(f"“{other}”" for other in others),
        )


_PLACE = re.compile(rf"\b[wW]e?\s+({CAPITALISED}(?:\s+{CAPITALISED})?)")
_REGION = re.compile(
    rf"\b(?:w|na terenie)\s+(powie(?:cie|tu)|województwie|gminie)\s+({LOWER}+(?:skim|ckim|skiego|ckiego))"
)
_VENUE = re.compile(rf"\b[wW]e?\s+((?:{UPPER}{LOWER}+)(?:\s+{LOWER}+)?(?:\s+{CAPITALISED})*(?:\s+w\s+{CAPITALISED})?)")


def _find_place(text: str, facts: ReportFacts, known: dict[str, str]) -> None:
    venues: list[str] = []
    for match in _VENUE.finditer(text):
        words = match.group(1).split()
        noun = head_noun(words[0])
        if noun is not None and (noun[0] in VENUE_HEADS or _near_event(text, match.start())):
            venue = nominative_name(match.group(1))
            if venue not in venues:
                venues.append(venue)
    candidates: Counter = Counter()
    first_seen: dict[str, tuple[int, str]] = {}
    for match in _PLACE.finditer(text):
        locative = match.group(1)
        if head_noun(locative.split()[0]) is not None or locative.split()[0].lower() in {"ramach", "trakcie"}:
            continue
        weight = 3 if _near_event_verb(text, match.start()) else 1
        for word_count in (2, 1):
            words = locative.split()[:word_count]
            if len(words) < word_count:
                continue
            phrase = " ".join(words)
            options = city_candidates(phrase)
            known_match = next((known[fold(option)] for option in options if fold(option) in known), None)
            if known_match or word_count == 1:
                city = known_match or options[0]
                candidates[city] += weight + (2 if known_match else 0)
                first_seen.setdefault(city, (match.start(), phrase))
                break
    region = _REGION.search(text)
    if region:
        kind = {"powiecie": "powiat", "powiatu": "powiat", "województwie": "województwo", "gminie": "gmina"}
        adjective = region.group(2)
        for ending, nominative in (("skiego", "ski"), ("ckiego", "cki"), ("skim", "ski"), ("ckim", "cki")):
            if adjective.endswith(ending):
                adjective = adjective[: -len(ending)] + nominative
                break
        noun = kind[region.group(1)]
        if noun == "województwo":
            adjective = adjective[:-1] + "e" if adjective.endswith("i") else adjective
        facts.region = f"{noun} {adjective}"
        facts.note(CHECK, _("county or region"), _("County or region read from “%(text)s”."), text=region.group(0))
    if venues:
        facts.venue = _joined_venues(venues)
        facts.note(CHECK, VENUE, _("Venue read from the text as “%(venue)s”: check the wording."), venue=facts.venue)
    if not candidates:
        facts.note(MISSING, CITY, _("The text names no city: add where the event took place."))
        return
    city = max(candidates, key=lambda name: (candidates[name], -first_seen[name][0]))
    facts.city, facts.city_as_written = city, first_seen[city][1]
    if fold(city) in known:
        facts.note(
            CHECK, CITY, _("City “%(city)s” read from “w %(as_written)s”."), city=city, as_written=facts.city_as_written
        )
    else:
        facts.note(
            CHECK,
            CITY,
            _(
                "City “%(city)s” put in the nominative from “w %(as_written)s” by rule, and not yet known to Kronika: "
                "check its spelling."
            ),
            city=city,
            as_written=facts.city_as_written,
        )


def _near_event(text: str, position: int) -> bool:
    """Whether the sentence around a position tells of the event: a verb such as "odbyło się", or its date."""
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position), 0)
    end = text.find(".", position)
    sentence = text[start : end if end != -1 else len(text)]
    return bool(_EVENT_VERBS.search(sentence) or find_dates(sentence))


def _near_event_verb(text: str, position: int) -> bool:
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position), 0)
    end = text.find(".", position)
    return bool(_EVENT_VERBS.search(text[start : end if end != -1 else len(text)]))


def _joined_venues(venues: list[str]) -> str:
    """A room first, then the building it belongs to: "Sala sesyjna, Starostwo Powiatowe w Gnieźnie"."""
    rooms = [venue for venue in venues if head_noun(venue.split()[0]) and head_noun(venue.split()[0])[0] in VENUE_HEADS]
    buildings = [venue for venue in venues if venue not in rooms]
    parts = []
    for room in rooms:
        words = room.split()
        # "Sala sesyjna Starostwa" names the building in the genitive; drop it when the building is named too.
        if len(words) > 2 and any(fold(words[-1])[:6] == fold(building.split()[0])[:6] for building in buildings):
            room = " ".join(words[:-1])
        parts.append(room)
    return ", ".join(parts + buildings)


# ---------------------------------------------------------------- organisations and people

_ORG_WORDS = rf"(?:{UPPER}[\wąćęłńóśźż.\-]*|„[^”]+”|\"[^\"]+\"|w|we|i|na|rzecz|do|dla|im\.|z|ds\.)"
_ORGANISATION = rf"((?:{UPPER}[\wąćęłńóśźżĄĆĘŁŃÓŚŹŻ.\-]*)(?:\s+{_ORG_WORDS})*)"
_ORGANISER_PATTERNS = [
    (
        re.compile(
            rf"\b[Oo]rganizator(?:em|ami|ką)?\s+(?:wydarzenia\s+|spotkania\s+)?(?:był[aoy]?|jest|byli)\s+{_ORGANISATION}"
        ),
        "organizator",
    ),
    (
        re.compile(
            rf"\b(?:zorganizowan[aey]|organizowan[aey]|przygotowan[aey])\s+(?:zostało\s+|zostały\s+|został[aoy]?\s+)?przez\s+{_ORGANISATION}"
        ),
        "organizator",
    ),
    (re.compile(rf"\bprojektu\s+(?:realizowanego|prowadzonego)\s+przez\s+{_ORGANISATION}"), "realizator projektu"),
    (
        re.compile(rf"\b(?:realizowan\w+|organizowan\w+)\s+w\s+ramach\s+({UPPER}{{2,}}(?:\s+{UPPER}{{2,}})?)"),
        "organizator",
    ),
    (
        re.compile(
            rf"\b[Pp]artner(?:em|ami|ką)?\s+(?:wydarzenia\s+|spotkania\s+)?(?:był[aoy]?|jest|byli|były)\s+{_ORGANISATION}"
        ),
        "partner",
    ),
    (re.compile(rf"\b(?:we|przy)\s+współpracy\s+z\s+{_ORGANISATION}"), "partner"),
]
_TRAILING_WORDS = {"w", "we", "i", "na", "do", "dla", "z", "rzecz", "pt.", "im."}


_NAME_ABBREVIATIONS = {"im.", "św.", "ds.", "sp.", "o.o.", "z", "o.", "st."}


def _organisation_name(raw: str) -> str:
    words = []
    for word in raw.split():
        if word.endswith(".") and word.lower() not in _NAME_ABBREVIATIONS:
            words.append(word.rstrip("."))
            break
        words.append(word)
    words = " ".join(words).strip(" ,.;:").split()
    while words and (words[-1].lower() in _TRAILING_WORDS or words[-1].lower() == "pt."):
        words.pop()
    return " ".join(words)


def _find_organisers(text: str, facts: ReportFacts) -> None:
    by_name: dict[str, OrganisationFact] = {}
    for pattern, role in _ORGANISER_PATTERNS:
        for match in pattern.finditer(text):
            written = _organisation_name(match.group(1))
            if not written:
                continue
            name = nominative_name(written)
            existing = by_name.get(fold(name))
            if existing is None:
                by_name[fold(name)] = fact = OrganisationFact(name=name, role=role, as_written=written)
                facts.organisers.append(fact)
            elif role not in existing.role:
                existing.role = f"{existing.role}, {role}"
    for fact in facts.organisers:
        facts.note(
            CHECK,
            ORGANISERS,
            _("“%(name)s” (%(role)s) read from “%(as_written)s”."),
            name=fact.name,
            role=fact.role,
            as_written=fact.as_written,
        )
    if not facts.organisers:
        facts.note(MISSING, ORGANISERS, _("The text does not say who organised the event."))


_MODERATION = re.compile(r"prowadząc|moderowa|moderator|poprowadzi", re.IGNORECASE)
_NAMED_PAIR = rf"({CAPITALISED}\s+{CAPITALISED})(?:\s*(?:,|i|oraz)\s*({CAPITALISED}\s+{CAPITALISED}))*"


def _find_moderators(text: str, facts: ReportFacts) -> None:
    for sentence in sentences(text):
        if not _MODERATION.search(sentence):
            continue
        names = _names_in(sentence)
        if not names:
            # "byli wspomniani wcześniej specjaliści": the people the text introduced with that word.
            mention = re.search(rf"(?:wspomnian\w*|wymienion\w*)\s+(?:wcześniej\s+|już\s+)?({LOWER}+)", sentence)
            if mention:
                stem = fold(mention.group(1))[:7]
                for earlier in sentences(text):
                    lead = re.search(
                        rf"\b(\w+)\s+({CAPITALISED}\s+{CAPITALISED}(?:\s*(?:,|i|oraz)\s*{CAPITALISED}\s+{CAPITALISED})*)",
                        earlier,
                    )
                    if lead and fold(lead.group(1))[:7] == stem:
                        names = _names_in(lead.group(2))
                        break
        for name in names:
            if name not in facts.moderators:
                facts.moderators.append(name)
        if names:
            facts.note(
                CHECK,
                MODERATORS,
                _("Moderators read from “%(sentence)s”: %(names)s."),
                sentence=_shortened(sentence),
                names=", ".join(names),
            )
            return


def _names_in(text: str) -> list[str]:
    names = []
    for match in re.finditer(rf"\b({CAPITALISED})\s+({CAPITALISED})\b", text):
        first, last = match.groups()
        if head_noun(first) is None and first.lower() not in {"dział", "sesja", "spotkanie"}:
            names.append(f"{first} {last}")
    return names


_PARTICIPANT_LEAD = re.compile(
    r"(?:uczestnik\w*|przedstawiciel\w*|udział\s+wzięl\w*|obecni\s+byli|wzięli\s+udział)[^:.]*:\s*(.+?)(?:\.\s|\.$|$)",
    re.IGNORECASE | re.DOTALL,
)


def _find_participants(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    for index, block in enumerate(blocks):
        if index in placed:
            continue
        names: list[str] = []
        if (
            block.kind == PARAGRAPH
            and block.text.rstrip().endswith(":")
            and _PARTICIPANT_LEAD.search(block.text + " x")
        ):
            items = _following_items(blocks, index)
            if items:
                names = [blocks[i].text for i in items]
                placed.update([index, *items])
        elif block.kind == PARAGRAPH:
            match = _PARTICIPANT_LEAD.search(block.text)
            if match:
                names = _split_list(match.group(1))
        organisations = [nominative_name(_organisation_name(name)) for name in names if len(name) < 200]
        organisations = [name for name in organisations if name]
        if len(organisations) >= 2:
            facts.participants = [
                OrganisationFact(name=name, as_written=raw) for name, raw in zip(organisations, names, strict=False)
            ]
            facts.note(
                CHECK,
                PARTICIPANTS,
                ngettext_lazy(
                    "%(count)d participating organisation read from a list of names: check each is matched rightly.",
                    "%(count)d participating organisations read from a list of names: check each is matched rightly.",
                    "count",
                ),
                count=len(organisations),
            )
            return


def _split_list(text: str) -> list[str]:
    parts = [part.strip() for part in re.split(r",\s+|\s+oraz\s+|;\s*", text) if part.strip()]
    if parts:
        last = re.split(rf"\s+i\s+(?={UPPER})", parts[-1])
        parts = parts[:-1] + last
    return parts


_COUNT = re.compile(
    r"(?:ponad|około|blisko|prawie)?\s*(\d{1,5})\s+(?:os(?:oby|ób)|uczestni\w+|przedstawiciel\w+|senior\w+|dzieci)",
    re.IGNORECASE,
)


def _find_participant_count(text: str, facts: ReportFacts) -> None:
    for sentence in sentences(text):
        if re.search(r"udział|uczestnicz|przyszł|przybył|wzięł|obecn|zgromadzi", sentence, re.IGNORECASE):
            match = _COUNT.search(sentence)
            if match:
                facts.participant_count = int(match.group(1))
                facts.note(
                    CHECK,
                    _("number of participants"),
                    _("Number of participants %(count)s read from “%(sentence)s”."),
                    count=facts.participant_count,
                    sentence=_shortened(sentence),
                )
                return


# ---------------------------------------------------------------- goals and outcomes

_GOAL_LEAD = re.compile(r"\bcel(?:e|em|ów|ami)?\b|\bna celu\b", re.IGNORECASE)
_OUTCOME_LEAD = re.compile(r"efekt|rezultat|wnios(?:ek|ki)|ustalen|wypracowan", re.IGNORECASE)
_GOAL_SENTENCE = re.compile(
    r"(?:miał[oa]?\s+na\s+celu|celem\s+\w+\s+był[oa]?|ma\s+na\s+celu)\s+(.+?)\.?$", re.IGNORECASE
)
_OUTCOME_SENTENCE = re.compile(
    r"efekt|rezultat|wypracowa|ustalon|postanowi|zaplanowa|planuj|zaowocował|powsta(?:ć|nie|ną)|wnios(?:ek|ki)",
    re.IGNORECASE,
)
_CONNECTIVES = ("być może", "zarówno", "jak i", "czyli", "w tym", "a także")


def _following_items(blocks: list[Block], index: int) -> list[int]:
    items = []
    for following in range(index + 1, len(blocks)):
        if blocks[following].kind != ITEM:
            break
        items.append(following)
    return items


def _find_list_fields(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    """A heading or a line ending with a colon that speaks of goals or outcomes, then a list."""
    for index, block in enumerate(blocks):
        if block.kind not in (HEADING, PARAGRAPH) or index in placed:
            continue
        if block.kind == PARAGRAPH and not block.text.rstrip().endswith(":"):
            continue
        target = (
            facts.goals
            if _GOAL_LEAD.search(block.text)
            else facts.outcomes
            if _OUTCOME_LEAD.search(block.text)
            else None
        )
        items = _following_items(blocks, index)
        if target is None or not items:
            continue
        target.extend(blocks[item].text.replace("\n", " ") for item in items)
        placed.update([index, *items])
        facts.note(
            CHECK,
            GOALS if target is facts.goals else OUTCOMES,
            _("List under “%(lead)s” taken as the %(field)s."),
            lead=block.text.rstrip(":"),
            field=GOALS if target is facts.goals else OUTCOMES,
        )


def _find_goal_sentences(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    if facts.goals:
        return
    for index, block in enumerate(blocks):
        if index in placed or block.kind != PARAGRAPH:
            continue
        found = [_GOAL_SENTENCE.search(sentence) for sentence in sentences(block.text)]
        found = [match for match in found if match]
        if found:
            facts.goals = _clauses(found[0].group(1))
            if len(sentences(block.text)) == 1:
                placed.add(index)
            facts.note(CHECK, GOALS, _("Goals read from “%(sentence)s”."), sentence=_shortened(found[0].group(0)))
            return


def _clauses(text: str) -> list[str]:
    """The parts of an enumeration in a sentence: "A, B, dyskusję, a w przyszłości, być może C"."""
    parts: list[str] = []
    for raw in re.split(r",\s+(?:a\s+)?", text):
        raw = raw.strip()
        if parts and (
            raw.lower().startswith(_CONNECTIVES) or len(parts[-1].split()) <= 2 and parts[-1].lower().startswith("w ")
        ):
            parts[-1] = f"{parts[-1]}, {raw}"
        else:
            parts.append(raw)
    return [part for part in parts if part]


def _find_outcome_sentences(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    if facts.outcomes:
        return
    for index, block in enumerate(blocks):
        if index in placed or block.kind != PARAGRAPH:
            continue
        parts = sentences(block.text)
        found = [sentence for sentence in parts if _OUTCOME_SENTENCE.search(sentence) and len(sentence) <= 500]
        if found and not any(_GOAL_SENTENCE.search(sentence) for sentence in found):
            facts.outcomes = found
            if len(found) == len(parts):
                placed.add(index)
            facts.note(CHECK, OUTCOMES, _("Outcomes taken from the sentences that speak of results: check them."))
            return


# ---------------------------------------------------------------- project and program

_PROJECT_TITLE = re.compile(
    r"projektu\s+(?:[^„\"«.]{0,80}?\s)?(?:pt\.|pn\.|pod\s+nazwą|pod\s+tytułem)?\s*[„\"«]([^”\"»]+)[”\"»]"
)
_PROJECT_MISSING = re.compile(r"projektu[^.]*?\b(?:pt\.|pn\.)\s*(?![„\"«])")
_PROGRAM = re.compile(
    r"program(?:u|em)?\s+([^„\"«]{0,80}?)[„\"«]([^”\"»]+)[”\"»](?:\s+na\s+lata\s+(\d{4})\s*[-–—]\s*(\d{4}))?",
    re.IGNORECASE,
)


def _find_project_and_program(text: str, facts: ReportFacts) -> None:
    title = _PROJECT_TITLE.search(text)
    if title:
        facts.project_title = title.group(1).strip()
    elif _PROJECT_MISSING.search(text):
        facts.project_title = ""
        facts.note(
            MISSING,
            PROJECT,
            _("The text says the project is titled (“pt.”) and then gives no title: the project's title is missing."),
        )
    program = _PROGRAM.search(text)
    if program:
        first, last = program.group(3), program.group(4)
        facts.program = ProgramFact(
            name=program.group(2).strip(),
            first_year=int(first) if first else None,
            last_year=int(last) if last else None,
        )


# ---------------------------------------------------------------- quotes


def _find_quotes(blocks: list[Block], placed: set[int], facts: ReportFacts) -> dict[int, QuoteFact]:
    """Quotations with their speaker, by block; a quotation without a speaker stays a paragraph."""
    quotes: dict[int, QuoteFact] = {}
    for index, block in enumerate(blocks):
        if block.kind == HEADING:
            continue
        quote = _dash_quote(block.text) or _inline_quote(block.text)
        if quote is None and _is_quotation(block):
            speaker = _speaker_before(blocks, index) or _speaker_after(blocks, index, placed)
            if speaker:
                quote = QuoteFact(text=_unquoted(block.text), speaker=speaker[0], role=speaker[1])
        if quote is not None and len(quote.text.split()) >= _MIN_QUOTE_WORDS:
            quotes[index] = quote
            placed.add(index)
            facts.note(
                CHECK,
                QUOTES,
                _("Quote of %(speaker)s (%(role)s) beginning “%(start)s…”: check who said it and their role."),
                speaker=quote.speaker,
                role=quote.role or "—",
                start=" ".join(quote.text.split()[:6]),
            )
        elif _is_quotation(block):
            facts.note(
                CHECK,
                QUOTES,
                _("A quotation with no speaker stays in the text: “%(start)s…”."),
                start=" ".join(block.text.split()[:6]),
            )
    return quotes


def _is_quotation(block: Block) -> bool:
    text = block.text.strip()
    return block.kind == QUOTE or any(
        text.startswith(open_) and text.rstrip(".").endswith(close) for open_, close in _QUOTE_PAIRS
    )


def _unquoted(text: str) -> str:
    text = text.strip()
    for open_, close in _QUOTE_PAIRS:
        if text.startswith(open_) and text.rstrip(".").endswith(close):
            return text[len(open_) : text.rstrip(".").rfind(close)].strip()
    return text


_ROLE = rf"({LOWER}[^.!?\n]*?)"
_ATTRIBUTION = re.compile(rf"(?:[–—-]\s*)?(?:{_SPEECH_VERBS}\s+)?({_NAME})(?:,\s*{_ROLE})?\s*\.?$")


def _dash_quote(text: str) -> QuoteFact | None:
    """ "– Zależy nam … „networking” Monika Dominik, koordynatorka projektu." and "– … – powiedziała X, rola"."""
    if not re.match(r"^[–—]\s", text):
        return None
    body = text[1:].strip()
    match = re.search(rf"(?:[–—-]\s*{_SPEECH_VERBS}\s+|\s)({_NAME})(?:,\s*{_ROLE})?\s*\.?$", body)
    if not match:
        return None
    said = body[: match.start()].strip().rstrip("–—-, ").strip()
    return QuoteFact(text=said, speaker=match.group(1), role=(match.group(2) or "").strip())


def _inline_quote(text: str) -> QuoteFact | None:
    """„…” – powiedziała X, rola.  /  Jak podkreślił X, rola: „…”."""
    for open_, close in _QUOTE_PAIRS:
        after = re.match(
            rf"^{re.escape(open_)}(.+?){re.escape(close)}[.,]?\s*[–—-]\s*{_SPEECH_VERBS}\s+({_NAME})(?:,\s*{_ROLE})?\s*\.?$",
            text,
            re.DOTALL,
        )
        if after:
            return QuoteFact(text=after.group(1).strip(), speaker=after.group(2), role=(after.group(3) or "").strip())
        before = re.match(
            rf"^(?:Jak\s+)?{_SPEECH_VERBS}\s+(?:({LOWER}+)\s+)?({_NAME})(?:,\s*{_ROLE})?:\s*{re.escape(open_)}(.+?){re.escape(close)}\.?$",
            text,
            re.DOTALL | re.IGNORECASE,
        )
        if before:
            role = (before.group(3) or before.group(1) or "").strip()
            return QuoteFact(text=before.group(4).strip(), speaker=before.group(2), role=role)
    return None


def _speaker_before(blocks: list[Block], index: int) -> tuple[str, str] | None:
    """A lead-in such as "…, opowiada specjalistka Anna Giżycka:" or "Jak podkreślił Jan Nowak, prezes:"."""
    if index == 0:
        return None
    lead = blocks[index - 1].text.strip()
    if not lead.endswith(":"):
        return None
    match = re.search(rf"{_SPEECH_VERBS}\s+(?:({LOWER}+)\s+)?({_NAME})(?:,\s*{_ROLE})?:$", lead, re.IGNORECASE)
    if not match:
        return None
    return match.group(2), (match.group(3) or match.group(1) or "").strip()


def _speaker_after(blocks: list[Block], index: int, placed: set[int]) -> tuple[str, str] | None:
    """A line after a blockquote: "– Anna Nowak, prezeska fundacji"."""
    if index + 1 >= len(blocks):
        return None
    match = re.match(rf"^[–—-]\s*({_NAME})(?:,\s*{_ROLE})?\.?$", blocks[index + 1].text.strip())
    if not match:
        return None
    placed.add(index + 1)
    return match.group(1), (match.group(2) or "").strip()


# ---------------------------------------------------------------- contacts


def _phones_in(text: str) -> list[str]:
    return [match.raw_string for match in phonenumbers.PhoneNumberMatcher(text, default_phone_region())]


def _find_contacts(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    for index, block in enumerate(blocks):
        if index in placed:
            continue
        office = _office(block)
        if office is not None:
            facts.offices.append(office)
            placed.add(index)
            if (
                index > 0
                and blocks[index - 1].kind == PARAGRAPH
                and re.search(r"kontakt", blocks[index - 1].text, re.I)
                and len(blocks[index - 1].text) < 80
            ):
                placed.add(index - 1)
            facts.note(
                CHECK,
                CONTACTS,
                _("Office “%(name)s” read from the address “%(address)s”."),
                name=office.name,
                address=f"{office.street_address}, {office.postal_code} {office.city}",
            )
            continue
        person = _person(block)
        if person is not None:
            facts.people.append(person)
            placed.add(index)
            facts.note(
                CHECK,
                CONTACTS,
                _("Contact person %(name)s (%(role)s) read from a contact block."),
                name=person.name,
                role=person.role or "—",
            )


def _office(block: Block) -> OfficeFact | None:
    street = _STREET.search(block.text)
    postal = _POSTAL.search(block.text)
    if not street or not postal:
        return None
    first_line = block.text.split("\n")[0].strip()
    name = first_line if first_line and not _STREET.search(first_line) and len(first_line) < 80 else postal.group(2)
    emails = _EMAIL.findall(block.text)
    phones = _phones_in(_without_postal(block.text))
    return OfficeFact(
        name=name,
        street_address=street.group(1).strip(),
        postal_code=postal.group(1),
        city=postal.group(2),
        phone=phones[0] if phones else "",
        email=emails[0] if emails else "",
    )


def _without_postal(text: str) -> str:
    return _POSTAL.sub(" ", text)


def _person(block: Block) -> PersonFact | None:
    """A contact block: a name, a role, then e-mail, phone and office hours on lines of their own."""
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if len(lines) < 2 or not re.fullmatch(_NAME, lines[0]):
        return None
    emails = _EMAIL.findall(block.text)
    phones = _phones_in(block.text)
    if not emails and not phones:
        return None
    role_lines, hours = [], ""
    for line in lines[1:]:
        if _EMAIL.search(line) or _phones_in(line) or re.match(r"^(tel|e-?mail|mail|kom)\b", line, re.I):
            continue
        if _HOURS_LINE.match(line):
            if office_hours_as_data(line):
                hours = line
                continue
        role_lines.append(line)
    return PersonFact(
        name=lines[0],
        role=" ".join(role_lines),
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
        office_hours=hours,
    )


def _find_loose_contacts(blocks: list[Block], placed: set[int], facts: ReportFacts) -> None:
    """Phones and e-mails in the running text that belong to no person or office."""
    known_phones = {normalise_phone_or_blank(fact.phone) for fact in [*facts.people, *facts.offices]}
    known_emails = {fact.email.lower() for fact in [*facts.people, *facts.offices]}
    for index, block in enumerate(blocks):
        if index in placed:
            continue
        for phone in _phones_in(block.text):
            if normalise_phone_or_blank(phone) not in known_phones:
                known_phones.add(normalise_phone_or_blank(phone))
                facts.contact_lines.append(ContactLineFact(phone=phone))
                facts.note(
                    CHECK, CONTACTS, _("Phone %(phone)s given with no name: added as a contact line."), phone=phone
                )
        for email in _EMAIL.findall(block.text):
            if email.lower() not in known_emails:
                known_emails.add(email.lower())
                facts.contact_lines.append(ContactLineFact(email=email))
                facts.note(
                    CHECK, CONTACTS, _("E-mail %(email)s given with no name: added as a contact line."), email=email
                )


# ---------------------------------------------------------------- body and title


def _build_body(blocks: list[Block], placed: set[int], quotes: dict[int, QuoteFact], facts: ReportFacts) -> None:
    items: list[str] = []

    def flush_items() -> None:
        if items:
            facts.body.append(BodyPart("list", items=list(items)))
            facts.unrecognised.extend(items)
            items.clear()

    for index, block in enumerate(blocks):
        if index in quotes:
            flush_items()
            facts.body.append(BodyPart("quote", quote=quotes[index]))
            continue
        if index in placed:
            continue
        if block.kind == ITEM:
            items.append(block.text.replace("\n", " "))
            continue
        flush_items()
        if block.kind == HEADING:
            facts.body.append(BodyPart("heading", text=block.text))
        else:
            facts.body.append(BodyPart("paragraph", text=block.text))
            facts.unrecognised.append(block.text)
            if re.match(r"^(zdjęcie|fot\.|foto|na zdjęciu)", block.text, re.IGNORECASE) and len(block.text) < 200:
                facts.note(
                    MISSING,
                    PHOTO,
                    _("“%(caption)s” looks like a photo caption; the photo is not in the file."),
                    caption=block.text,
                )
    flush_items()


def _title_if_missing(document: SourceDocument, facts: ReportFacts) -> None:
    if facts.title:
        return
    kinds = {
        "networking": "Spotkanie sieciujące",
        "dialogue_session": "Sesja dialogowa",
        "workshop": "Warsztaty",
        "training": "Szkolenie",
        "conference": "Konferencja",
        "consultation": "Konsultacje",
        "cultural": "Wydarzenie kulturalne",
    }
    if facts.event_kind in kinds and facts.city_as_written:
        facts.title = f"{kinds[facts.event_kind]} w {facts.city_as_written}"
    else:
        facts.title = document.name.rsplit(".", 1)[0]
    facts.note(
        MISSING,
        TITLE,
        _("The text has no title: “%(title)s” is a working title; write the real one."),
        title=facts.title,
    )


def _shortened(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
