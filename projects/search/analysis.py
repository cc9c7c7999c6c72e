"""Text analysis for search, done in Python so SQLite and PostgreSQL index and match exactly the same tokens.

A text becomes two token streams: its words, folded (lower case, diacritics dropped: "Gnieźnie" -> "gnieznie"),
and their stems in the text's own language, folded and marked with STEM_MARK so a stem never meets a word
("sesji" -> "0sesja"). A query is analysed the same way; a document matching the word itself matches both
streams, so whole words rank above mere stems.

Polish is lemmatised by Morfeusz 2 with the SGJP dictionary (both in the `morfeusz2` wheel, loaded in
~60 ms, no download): a dictionary knows proper nouns ("Gnieźnie" -> "Gniezno", "Biłgoraju" -> "Biłgoraj")
that the Stempel stemmer mangles ("gnieźn", "biłgorać"), and Stempel's larger table takes ~4 s to load.
A Polish query word typed without diacritics that the dictionary does not know ("gnieznie") gets its
diacritics back by trying the few spellings it could be ("gnieźnie"). English and German use Snowball.
"""

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import morfeusz2
import snowballstemmer

STEM_MARK = "0"
# Letters or digits, never both: a word token then never looks like a marked stem ("0" + letters).
TOKEN = re.compile(r"[^\W\d_]+|\d+")
# What each Polish letter could have been when typed without its diacritic.
POLISH_DIACRITICS = {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "źż"}
MAX_SPELLINGS = 512
SNOWBALL_LANGUAGES = {"en": "english", "de": "german"}
_EXTRA_FOLDS = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case without diacritics: "Biłgoraj" -> "bilgoraj"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA_FOLDS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> list[str]:
    """The words and numbers of a text, as written."""
    return TOKEN.findall(text)


_morfeusz = threading.local()


def _analyser() -> morfeusz2.Morfeusz:
    # A Morfeusz instance is not safe to share between threads.
    if not hasattr(_morfeusz, "instance"):
        _morfeusz.instance = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    return _morfeusz.instance


def _polish_lemmas(word: str) -> set[str]:
    """The dictionary lemmas of a word's first segment, or none when the dictionary does not know it."""
    lemmas = set()
    for start, _end, (_form, lemma, tag, *_rest) in _analyser().analyse(word):
        if start == 0 and tag != "ign":
            lemmas.add(lemma.split(":", 1)[0])
    return lemmas


@lru_cache(maxsize=200_000)
def polish_stems(word: str) -> frozenset[str]:
    return frozenset(fold(lemma) for lemma in _polish_lemmas(word))


@lru_cache(maxsize=20_000)
def polish_stems_of_typed(word: str) -> frozenset[str]:
    """Stems of a query word, also when it was typed without its Polish diacritics."""
    stems = polish_stems(word)
    if stems or word != fold(word):
        return stems
    found: set[str] = set()
    for spelling in _spellings(word):
        found |= polish_stems(spelling)
    return frozenset(found)


def _spellings(word: str) -> Iterable[str]:
    options = [c + POLISH_DIACRITICS.get(c, "") for c in word.lower()]
    count = 1
    for option in options:
        count *= len(option)
    if count > MAX_SPELLINGS:
        return []
    return ("".join(letters) for letters in itertools.islice(itertools.product(*options), 1, None))


@cache
def _snowball(language: str) -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])
    lock = threading.Lock()

    def stem(word: str) -> str:
        with lock:
            return stemmer.stemWord(word)

    return stem


@lru_cache(maxsize=100_000)
def stems(word: str, language: str, typed: bool = False) -> frozenset[str]:
    """The folded stems of a word in a language; the folded word itself when nothing better is known."""
    if word.isdigit():
        return frozenset()
    if language == "pl":
        found = polish_stems_of_typed(word) if typed else polish_stems(word)
    elif language in SNOWBALL_LANGUAGES:
        found = frozenset({fold(_snowball(language)(word.lower()))})
    else:
        found = frozenset()
    return found or frozenset({fold(word)})


def language_of(code: str) -> str:
    """The analyser for a locale code: "pl", "en-gb" -> "en"."""
    return code.split("-", 1)[0].lower()


@dataclass(frozen=True)
class AnalysedText:
    words: str
    stems: str


def analyse(text: str, language: str) -> AnalysedText:
    """The folded words and the marked stems of a text, each a space-separated string of tokens."""
    written = words_of(text)
    stem_tokens = []
    for word in written:
        stem_tokens.extend(STEM_MARK + stem for stem in sorted(stems(word, language)))
    return AnalysedText(" ".join(fold(word) for word in written), " ".join(stem_tokens))


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: its folded form and the marked stems it may match in any of the languages asked."""

    word: str
    stems: tuple[str, ...]


def analyse_query(text: str, languages: Iterable[str]) -> list[QueryWord]:
    result = []
    for written in words_of(text):
        found: set[str] = set()
        for language in languages:
            found |= stems(written, language, typed=True)
        result.append(QueryWord(fold(written), tuple(STEM_MARK + stem for stem in sorted(found))))
    return result
