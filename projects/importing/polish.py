"""Small rules of Polish the importer needs: month names, and names put back into the nominative.

City names: reports say where something happened in the locative ("w Gnieźnie", "w Biłgoraju"),
a page stores the nominative ("Gniezno", "Biłgoraj"). `city_candidates` turns a locative into the
nominatives its ending allows, most likely first, from endings alone (no list of cities); the
recogniser then prefers a candidate Kronika already knows (a report's, organisation's or office's
city). Limits: endings are ambiguous ("w Koninie" → Konin, but "w Gnieźnie" → Gniezno; "w Płocku"
→ Płock, but "w Kłecku" → Kłecko), vowel changes inside the word ("w Łodzi" → Łódź) are not undone,
and two-word names are put back word by word ("w Zielonej Górze" → "Zielona Góra"). Every city read
this way is marked for the editor to check.

Organisation and venue names: the head noun of a name ("Fundację", "Urzędu", "Sali") is put back
into the nominative from a short table of the nouns such names start with, and the adjectives next
to it agree with it ("Starostwie Powiatowym" → "Starostwo Powiatowe").
"""

import re
import unicodedata

MONTHS = {
    "stycznia": 1,
    "lutego": 2,
    "marca": 3,
    "kwietnia": 4,
    "maja": 5,
    "czerwca": 6,
    "lipca": 7,
    "sierpnia": 8,
    "września": 9,
    "października": 10,
    "listopada": 11,
    "grudnia": 12,
}
MONTH_NAMES = "|".join(MONTHS)
WEEKDAYS = r"(?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)"

LETTER = r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźżÀ-ÿ]"
UPPER = r"[A-ZĄĆĘŁŃÓŚŹŻ]"
LOWER = r"[a-ząćęłńóśźż]"
CAPITALISED = rf"{UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)?"


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: "Giżycka" and "GIZYCKA" compare equal."""
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.findall(r"[a-z0-9+]+", plain))


# ---------------------------------------------------------------- cities

# (locative ending, nominative endings it may come from), longest endings first; the first is likelier.
_CITY_ENDINGS: list[tuple[str, tuple[str, ...]]] = [
    ("owie", ("ów", "owa")),
    ("icach", ("ice",)),
    ("ycach", ("yce",)),
    ("cach", ("ce",)),
    ("kach", ("ki",)),
    ("gach", ("gi",)),
    ("ach", ("y", "e")),
    ("aniu", ("ań",)),
    ("eniu", ("eń",)),
    ("yniu", ("yń",)),
    ("uniu", ("uń",)),
    ("niu", ("ń",)),
    ("wiu", ("w",)),
    ("aju", ("aj",)),
    ("eju", ("ej",)),
    ("cku", ("ck", "cko")),
    ("sku", ("sk", "sko")),
    ("ku", ("k", "ko")),
    ("lu", ("le", "l")),
    ("iu", ("",)),
    ("inie", ("in",)),
    ("ynie", ("yn",)),
    ("anie", ("an", "ana")),
    ("źnie", ("zno",)),
    ("śnie", ("sno",)),
    ("nie", ("no", "na", "n")),
    ("wie", ("wa",)),
    ("dzie", ("da", "d")),
    ("rze", ("ra", "r")),
    ("cie", ("t", "ta")),
    ("le", ("ła",)),
    ("ni", ("nia",)),
    ("mie", ("m", "ma")),
    ("bie", ("b", "ba")),
    ("pie", ("p", "pa")),
    ("szczy", ("szcz",)),
    ("czy", ("cz",)),
    ("u", ("",)),
    ("em", ("e",)),
]
_ADJECTIVE_ENDINGS = [("skiej", "ska"), ("ckiej", "cka"), ("ej", "a"), ("ym", "y"), ("im", "i")]


def city_candidates(locative: str) -> list[str]:
    """Nominatives a city name in the locative may come from, likeliest first (as written if no rule fits)."""
    words = locative.split()
    if len(words) == 1:
        return _noun_candidates(words[0]) or [locative]
    if len(words) == 2:
        adjective = _adjective(words[0])
        nouns = _noun_candidates(words[1])
        if adjective and nouns:
            return [f"{adjective} {noun}" for noun in nouns]
    return [locative]


def _noun_candidates(word: str) -> list[str]:
    for ending, nominatives in _CITY_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            return [stem + nominative for nominative in nominatives]
    return []


def _adjective(word: str) -> str:
    for ending, nominative in _ADJECTIVE_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + nominative
    return ""


# ---------------------------------------------------------------- organisations and venues

# Head nouns of names: nominative, gender (m, f, n), then the genitive, locative, accusative and instrumental.
_HEAD_NOUNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Fundacja", "f", ("Fundacji", "Fundację", "Fundacją")),
    ("Stowarzyszenie", "n", ("Stowarzyszenia", "Stowarzyszeniu", "Stowarzyszeniem")),
    ("Towarzystwo", "n", ("Towarzystwa", "Towarzystwie", "Towarzystwem")),
    ("Starostwo", "n", ("Starostwa", "Starostwie", "Starostwem")),
    ("Urząd", "m", ("Urzędu", "Urzędzie", "Urzędem")),
    ("Ośrodek", "m", ("Ośrodka", "Ośrodku", "Ośrodkiem")),
    ("Dom", "m", ("Domu", "Domem")),
    ("Klub", "m", ("Klubu", "Klubie", "Klubem")),
    ("Związek", "m", ("Związku", "Związkiem")),
    ("Zespół", "m", ("Zespołu", "Zespole", "Zespołem")),
    ("Instytut", "m", ("Instytutu", "Instytucie", "Instytutem")),
    ("Uniwersytet", "m", ("Uniwersytetu", "Uniwersytecie", "Uniwersytetem")),
    ("Teatr", "m", ("Teatru", "Teatrze", "Teatrem")),
    ("Hotel", "m", ("Hotelu", "Hotelem")),
    ("Kościół", "m", ("Kościoła", "Kościele", "Kościołem")),
    ("Budynek", "m", ("Budynku", "Budynkiem")),
    ("Warsztat", "m", ("Warsztatu", "Warsztacie", "Warsztatem")),
    ("Szkoła", "f", ("Szkoły", "Szkole", "Szkołę", "Szkołą")),
    ("Biblioteka", "f", ("Biblioteki", "Bibliotece", "Bibliotekę", "Biblioteką")),
    ("Gmina", "f", ("Gminy", "Gminie", "Gminę", "Gminą")),
    ("Rada", "f", ("Rady", "Radzie", "Radę", "Radą")),
    ("Spółdzielnia", "f", ("Spółdzielni", "Spółdzielnię", "Spółdzielnią")),
    ("Parafia", "f", ("Parafii", "Parafię", "Parafią")),
    ("Sala", "f", ("Sali", "Salę", "Salą")),
    ("Aula", "f", ("Auli", "Aulę", "Aulą")),
    ("Hala", "f", ("Hali", "Halę", "Halą")),
    ("Świetlica", "f", ("Świetlicy", "Świetlicę", "Świetlicą")),
    ("Galeria", "f", ("Galerii", "Galerię", "Galerią")),
    ("Restauracja", "f", ("Restauracji", "Restaurację", "Restauracją")),
    ("Kawiarnia", "f", ("Kawiarni", "Kawiarnię", "Kawiarnią")),
    ("Siedziba", "f", ("Siedziby", "Siedzibie", "Siedzibę", "Siedzibą")),
    ("Izba", "f", ("Izby", "Izbie", "Izbę", "Izbą")),
    ("Koło", "n", ("Koła", "Kole", "Kołem")),
    ("Centrum", "n", ("Centrum",)),
    ("Muzeum", "n", ("Muzeum",)),
    ("Kino", "n", ("Kina", "Kinie", "Kinem")),
    ("Przedszkole", "n", ("Przedszkola", "Przedszkolu", "Przedszkolem")),
    ("Caritas", "f", ("Caritas",)),
]
_NOMINATIVE_OF = {form.lower(): (nominative, gender) for nominative, gender, forms in _HEAD_NOUNS for form in forms}
_NOMINATIVE_OF.update({nominative.lower(): (nominative, gender) for nominative, gender, _forms in _HEAD_NOUNS})
# Heads that name a place to meet rather than an organisation.
VENUE_HEADS = frozenset({"Sala", "Aula", "Hala", "Świetlica", "Kawiarnia", "Restauracja", "Siedziba", "Kino"})
# Adjective endings of the oblique cases, and the nominative ending for each gender.
_ADJECTIVE_CASES = [
    ("owego", {"m": "owy", "n": "owe"}),
    ("skiego", {"m": "ski", "n": "skie"}),
    ("ckiego", {"m": "cki", "n": "ckie"}),
    ("nego", {"m": "ny", "n": "ne"}),
    ("iego", {"m": "i", "n": "ie"}),
    ("ego", {"m": "y", "n": "e"}),
    ("owym", {"m": "owy", "n": "owe"}),
    ("skim", {"m": "ski", "n": "skie"}),
    ("ckim", {"m": "cki", "n": "ckie"}),
    ("nym", {"m": "ny", "n": "ne"}),
    ("ym", {"m": "y", "n": "e"}),
    ("im", {"m": "i", "n": "ie"}),
    ("skiej", {"f": "ska"}),
    ("ckiej", {"f": "cka"}),
    ("owej", {"f": "owa"}),
    ("nej", {"f": "na"}),
    ("tej", {"f": "ta"}),
    ("łej", {"f": "ła"}),
    ("dej", {"f": "da"}),
    ("rej", {"f": "ra"}),
    ("ą", {"f": "a"}),
]


def head_noun(word: str) -> tuple[str, str] | None:
    """(nominative, gender) of a word that heads organisation or venue names, in any case; None otherwise."""
    return _NOMINATIVE_OF.get(word.lower())


def nominative_name(name: str) -> str:
    """An organisation or venue name put back into the nominative ("Urzędu Gminy w Niechanowie" →
    "Urząd Gminy w Niechanowie", "Powiatowego Stowarzyszenia DOM" → "Powiatowe Stowarzyszenie DOM").

    Only the head noun and the adjectives right before and after it change; the rest of a name
    (genitives, "w Gnieźnie") is already what the name says. A name with no known head stays as written.
    """
    words = name.split()
    head_at = next((index for index, word in enumerate(words[:3]) if head_noun(word)), None)
    if head_at is None:
        return name
    nominative, gender = head_noun(words[head_at])
    changed = list(words)
    changed[head_at] = nominative if words[head_at][:1].isupper() else nominative.lower()
    for index in range(head_at):
        changed[index] = _agreeing(words[index], gender)
    if head_at + 1 < len(words):
        follower = _agreeing(words[head_at + 1], gender)
        if follower != words[head_at + 1]:
            changed[head_at + 1] = follower
    return " ".join(changed)


def _agreeing(word: str, gender: str) -> str:
    for ending, nominatives in _ADJECTIVE_CASES:
        if word.endswith(ending) and gender in nominatives and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominatives[gender]
    return word
