"""The Polish message catalogues: complete, in step with the code, and compiled.

The compiled .mo files are committed beside their .po files, so that a fresh checkout and the installed plugin
translate with nothing to build and no GNU gettext on the machine. These tests keep the three in step without
GNU gettext either: they read the code with `ast` and the catalogues with polib. After changing a message,
run `make messages`, translate what it added, and run `make messages` again to compile.
"""

import ast
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
# Each catalogue and the folders whose Python files and templates it translates.
CATALOGUES = {
    "projects/locale/pl/LC_MESSAGES/django.po": ["projects"],
    "home/locale/pl/LC_MESSAGES/django.po": ["home"],
    "locale/pl/LC_MESSAGES/django.po": ["cms", "templates"],
}
TEMPLATE_TRANS = re.compile(
    r"""\{%\s*trans(?:late)?\s+(["'])(.*?)\1(?:\s+context\s+(["']).*?\3)?(?:\s+as\s+\w+)?\s*%\}"""
)
TEMPLATE_BLOCKTRANS = re.compile(
    r"\{%\s*blocktrans(?:late)?\b[^%]*%\}(.*?)\{%\s*(?:plural|endblocktrans(?:late)?)\s*%\}", re.DOTALL
)
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|%[sdif]|\{\w*\}")


def python_messages(path: Path) -> set[str]:
    """The literal first arguments of gettext calls, f-strings included (xgettext misses those)."""
    messages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT_FUNCTIONS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            messages.add(node.args[0].value)
    return messages


def template_messages(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    messages = {match.group(2) for match in TEMPLATE_TRANS.finditer(text)}
    for match in TEMPLATE_BLOCKTRANS.finditer(text):
        messages.add(TEMPLATE_VARIABLE.sub(r"%(\1)s", match.group(1).replace("%", "%%")))
    return messages


def messages_in_code(folders: list[str]) -> set[str]:
    messages = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                messages |= python_messages(path)
        for path in (ROOT / folder).rglob("*.html"):
            messages |= template_messages(path)
    return messages


def translations(entries) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        for entry in entries
        if entry.msgid
    }


@pytest.fixture(params=sorted(CATALOGUES), ids=lambda path: path.split("/locale/")[0] or "site")
def catalogue(request) -> tuple[Path, list[str]]:
    return ROOT / request.param, CATALOGUES[request.param]


def test_the_catalogue_holds_exactly_the_messages_of_the_code(catalogue):
    path, folders = catalogue
    po = polib.pofile(str(path))

    in_catalogue = {entry.msgid for entry in po if not entry.obsolete}
    in_code = messages_in_code(folders)

    assert in_code - in_catalogue == set(), "run `make messages` and translate what it adds"
    assert in_catalogue - in_code == set(), "run `make messages` to drop messages the code no longer has"


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    po = polib.pofile(str(catalogue[0]))

    assert po.metadata["Language"] == "pl"
    assert not po.metadata_is_fuzzy
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


def test_translations_keep_every_placeholder(catalogue):
    po = polib.pofile(str(catalogue[0]))

    for entry in po:
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


def test_the_committed_mo_file_is_compiled_from_the_po_file(catalogue):
    path = catalogue[0]
    po = polib.pofile(str(path))

    compiled = polib.mofile(str(path.with_suffix(".mo")))

    assert translations(compiled) == translations(po.translated_entries()), "run `make messages` to compile"
    assert compiled.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


def test_the_polish_for_wagtails_missing_texts_is_wagtails_msgids_translated_and_compiled():
    """locale_wagtail/pl gives Polish for texts Wagtail's own catalogue lacks: only Wagtail's msgids, all kept."""
    path = ROOT / "locale_wagtail/pl/LC_MESSAGES/django.po"
    po = polib.pofile(str(path))
    wagtail_msgids = {
        entry.msgid
        for catalogue in Path(wagtail.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(catalogue))
    }

    assert {entry.msgid for entry in po} - wagtail_msgids == set()
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    for entry in po:
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid
    assert translations(polib.mofile(str(path.with_suffix(".mo")))) == translations(po.translated_entries())


def test_one_english_word_in_two_roles_gets_the_polish_word_of_each():
    """ "Event" heads a report's tab (an event held: "Wydarzenie") and a webhook column (what happened: "Zdarzenie")."""
    with translation.override("pl"):
        assert (translation.gettext("Event"), translation.pgettext("webhook delivery", "Event")) == (
            "Wydarzenie",
            "Zdarzenie",
        )
