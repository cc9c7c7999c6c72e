"""Finds words of the other language in an admin page: Polish words in the English admin, English in the Polish.

The words of each language come from the Polish catalogues the admin uses (Wagtail's, wagtail-localize's and
Kronika's): a word found only in the translations is Polish, one found only in the source messages is
English. What the page shows (text, labels, titles, and the strings its scripts and data attributes give
the editor's browser) is read and split into words, and any word of the other language is reported with
the text it was found in. Content in the tests is named with words of neither language.
"""

import html
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SITE_PACKAGES = next((ROOT / ".venv" / "lib").glob("python*/site-packages"))
WORD = re.compile(r"[^\W\d_]{2,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|%[sdif]|<[^>]+>")
# Words both languages use as they are (names, codes, loan words), and markup left in catalogues.
SHARED = {"wagtail", "api", "url", "id", "html", "pdf", "po", "csv", "xlsx", "json", "ok", "cms", "seo", "rss"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description", "data-w-tooltip-content-value"}
# Visible strings inside scripts and JSON attributes: a capital letter or a space, no markup or paths.
JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"(?!\s*:)')


def catalogue_paths() -> list[Path]:
    paths = [ROOT / "projects/locale/pl/LC_MESSAGES/django.po", ROOT / "locale/pl/LC_MESSAGES/django.po"]
    for package in ("wagtail", "wagtail_localize"):
        paths += sorted((SITE_PACKAGES / package).rglob("locale/pl/LC_MESSAGES/*.po"))
    return paths


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}


@cache
def vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    """(Polish-only words, English-only words) of the admin's catalogues."""
    english: set[str] = set()
    polish: set[str] = set()
    for path in catalogue_paths():
        for entry in polib.pofile(str(path)):
            if not entry.translated():
                continue
            english |= _words(entry.msgid) | _words(entry.msgid_plural or "")
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for text in translations:
                polish |= _words(text)
    return frozenset(polish - english - SHARED), frozenset(english - polish - SHARED)


class ShownText(HTMLParser):
    """The strings an admin page shows or hands its scripts to show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strings: list[str] = []
        self._skip = 0
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self._skip += 1
        self._script = tag == "script"
        for name, value in attrs:
            if not value:
                continue
            if name in SHOWN_ATTRIBUTES:
                self.strings.append(value)
            elif value.lstrip().startswith(("{", "[")):
                self.strings += json_strings(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._skip -= 1
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._script:
            self.strings += json_strings(data)
        elif data.strip():
            self.strings.append(data.strip())


def json_strings(text: str) -> list[str]:
    found = []
    for match in JSON_STRING.finditer(text):
        try:
            value = json.loads(f'"{match.group(1)}"')
        except json.JSONDecodeError:
            continue
        if '"' in value or "\n" in value:
            continue
        if "<" in value:
            parser = ShownText()
            parser.feed(value)
            found += parser.strings
        elif re.search(r"[A-ZĄĆĘŁŃÓŚŹŻ]|\w \w", value) and not re.search(r"[/_#=]|^\w+([.-]\w+)+$", value):
            found.append(value)
    return found


# Texts of Wagtail 8.0.1 itself that its Polish catalogue lacks and locale_wagtail/pl does not give either (the
# autosave indicator, dashboard counts, pagination, texts drawn by Wagtail's scripts), and data Wagtail's own
# migrations create in English. Kronika's screens show them; anything else of the other language fails.
WAGTAIL_UNTRANSLATED = re.compile(
    r"^(Ctrl \+ Alt \+ m|Actions|We .*|To be created by \w+|This publishing schedule will only take effect .*|"
    r"Autosave is( paused)?|paused|None|\d+ items|\d+-\d+ of \d+ .*|\d+ (Image|Images|Document|Documents)|"
    r"created in .*|Troubleshoot your connection .*|"
    r"Root|Welcome to your new Wagtail site!|Test collection.*|Wyślij do Moderators approval|Locale)$"
)


def shown_strings(page: str) -> list[str]:
    parser = ShownText()
    parser.feed(page)
    return [html.unescape(text) for text in parser.strings]


def words_of_the_other_language(page: str, language: str) -> dict[str, list[str]]:
    """{word: [texts it was found in]} of words of the language the admin is not speaking."""
    polish_only, english_only = vocabularies()
    other = polish_only if language == "en" else english_only
    found: dict[str, list[str]] = {}
    for text in shown_strings(page):
        if WAGTAIL_UNTRANSLATED.match(text):
            continue
        for word in _words(text) & other:
            found.setdefault(word, []).append(text[:120])
    return found
