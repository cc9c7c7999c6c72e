"""Readers of old reports: plain text, Markdown, HTML and Word files become a list of text blocks.

Each reader keeps the structure the file shows (headings, paragraphs, list items, quotations) and
nothing of its looks; what a reader cannot read is refused with a message for the editor, never
half-read. Text files come from Polish archives in UTF-8, UTF-16, Windows-1250 or ISO-8859-2.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import mammoth
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.translation import gettext as _

from .conf import max_file_bytes

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
QUOTE = "quote"

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
WORD_SUFFIXES = frozenset({".docx"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | WORD_SUFFIXES

# Leftovers of the website a text was copied from: menus and widgets, never part of a report.
WEBSITE_CHROME = re.compile(
    r"^(translate\s*»?|skip to (main )?content|przejdź do (głównej )?treści|udostępnij|share|drukuj|print|"
    r"czytaj (więcej|dalej)|read more|menu|szukaj|search)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


class UnreadableFile(Exception):
    """A file the importer cannot read; the message says why, for the editor."""


@dataclass(frozen=True)
class Block:
    """One unit of text as the file shows it: a heading, a paragraph, a list item or a quotation."""

    kind: str
    text: str


@dataclass
class SourceDocument:
    """What a reader found in one file."""

    name: str
    blocks: list[Block]
    title: str = ""
    encoding: str = ""
    dropped: list[str] = field(default_factory=list)


def read_document(name: str, data: bytes) -> SourceDocument:
    """Read one uploaded or named file; raises UnreadableFile with a message for the editor."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(
            _("“%(name)s” is not a file the importer reads: use .txt, .md, .html or .docx.") % {"name": name}
        )
    limit = max_file_bytes()
    if len(data) > limit:
        raise UnreadableFile(
            _("“%(name)s” is larger than %(limit)s MB: split it or save it as plain text.")
            % {"name": name, "limit": limit // (1024 * 1024)}
        )
    if not data.strip():
        raise UnreadableFile(_("“%(name)s” is empty.") % {"name": name})
    if suffix in WORD_SUFFIXES:
        document = _read_word(name, data)
    else:
        text, encoding = decode_text(name, data)
        document = _read_html(name, text) if suffix in HTML_SUFFIXES else _read_text(name, text, suffix)
        document.encoding = encoding
    document.blocks, dropped = _without_chrome(document.blocks)
    document.dropped.extend(dropped)
    if not document.blocks:
        raise UnreadableFile(_("“%(name)s” holds no text.") % {"name": name})
    return document


# ---------------------------------------------------------------- encodings

_POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Bytes that are letters in Windows-1250 but C1 control codes in ISO-8859-2.
_CP1250_ONLY = set(range(0x80, 0xA0)) - {0x81, 0x83, 0x88, 0x90, 0x98}


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read in; UnreadableFile for a binary or unknown encoding."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data or _control_share(data) > 0.05:
        raise UnreadableFile(_("“%(name)s” is not a text file (it looks binary).") % {"name": name})
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("cp1250", "iso-8859-2"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text if 0x80 <= ord(char) < 0xA0)
        polish = sum(1 for char in text if char in _POLISH_LETTERS)
        candidates.append((controls == 0, polish, encoding, text))
    if not candidates:
        raise UnreadableFile(
            _("“%(name)s” is in an encoding the importer does not know: save it as UTF-8.") % {"name": name}
        )
    if any(byte in _CP1250_ONLY for byte in data):
        chosen = next((c for c in candidates if c[2] == "cp1250"), candidates[0])
    else:
        chosen = max(candidates, key=lambda candidate: (candidate[0], candidate[1]))
    return chosen[3], chosen[2]


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\t\n\r\f\v")
    return controls / max(len(sample), 1)


# ---------------------------------------------------------------- plain text and Markdown


def _read_text(name: str, text: str, suffix: str) -> SourceDocument:
    markdown = suffix != ".txt"
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        blocks.extend(_text_chunk_blocks(chunk, markdown))
    title = ""
    if blocks and blocks[0].kind == HEADING:
        title = blocks.pop(0).text
    elif blocks and _looks_like_title(blocks[0].text):
        title = blocks.pop(0).text
    return SourceDocument(name=name, blocks=blocks, title=title)


def _text_chunk_blocks(chunk: str, markdown: bool) -> list[Block]:
    """A chunk between blank lines: a paragraph, a heading, quoted lines, or list items with their continuations."""
    lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
    if not lines:
        return []
    if markdown:
        heading = _MARKDOWN_HEADING.match(lines[0].strip())
        if heading and len(lines) == 1:
            return [Block(HEADING, _markdown_inline(heading.group(2)))]
        if all(line.lstrip().startswith(">") for line in lines):
            text = " ".join(line.lstrip()[1:].strip() for line in lines)
            return [Block(QUOTE, _markdown_inline(text))]
    blocks: list[Block] = []
    paragraph: list[str] = []
    item: list[str] | None = None
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet and line[bullet.end() :].strip():
            if paragraph:
                blocks.append(Block(PARAGRAPH, _joined(paragraph, markdown)))
                paragraph = []
            if item is not None:
                blocks.append(Block(ITEM, _joined(item, markdown)))
            item = [line[bullet.end() :].strip()]
        elif item is not None and line[:1].isspace():
            item.append(line.strip())
        else:
            if item is not None:
                blocks.append(Block(ITEM, _joined(item, markdown)))
                item = None
            paragraph.append(line.strip())
    if item is not None:
        blocks.append(Block(ITEM, _joined(item, markdown)))
    if paragraph:
        blocks.append(Block(PARAGRAPH, _joined(paragraph, markdown)))
    return blocks


def _joined(lines: list[str], markdown: bool) -> str:
    text = "\n".join(lines)
    return _markdown_inline(text) if markdown else text


def _markdown_inline(text: str) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return _MARKDOWN_EMPHASIS.sub(r"\2", text)


def _looks_like_title(text: str) -> bool:
    """A first line that is short, one line, and not a sentence."""
    return "\n" not in text and len(text) <= 150 and not text.rstrip().endswith((".", ":", ",", ";"))


# ---------------------------------------------------------------- HTML and Word

_BLOCK_TAGS = {
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "p": PARAGRAPH,
    "li": ITEM,
    "blockquote": QUOTE,
    "dt": PARAGRAPH,
    "dd": PARAGRAPH,
    "tr": PARAGRAPH,
    "pre": PARAGRAPH,
    "address": PARAGRAPH,
    "figcaption": PARAGRAPH,
}
_CONTAINER_TAGS = {"div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "table", "tbody", "thead"}
_SKIPPED_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "form", "button", "svg", "iframe", "head"}


def _read_html(name: str, text: str) -> SourceDocument:
    soup = BeautifulSoup(text, "html.parser")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_SKIPPED_TAGS):
        tag.decompose()
    blocks: list[Block] = []
    _walk(soup, blocks)
    title = ""
    if blocks and blocks[0].kind == HEADING:
        title = blocks.pop(0).text
    elif page_title:
        title = page_title
    return SourceDocument(name=name, blocks=blocks, title=title)


def _walk(node: Tag, blocks: list[Block]) -> None:
    loose: list[str] = []

    def flush() -> None:
        text = _clean(" ".join(loose))
        if text:
            blocks.append(Block(PARAGRAPH, text))
        loose.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                loose.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag):
            continue
        kind = _BLOCK_TAGS.get(child.name)
        if kind == QUOTE and child.find(["p", "li"]):
            flush()
            paragraphs = [_clean(_tag_text(part)) for part in child.find_all(["p", "li"])]
            text = "\n".join(part for part in paragraphs if part)
            if text:
                blocks.append(Block(QUOTE, text))
        elif kind == ITEM and child.find(["ul", "ol"]):
            flush()
            nested = child.find(["ul", "ol"]).extract()
            text = _clean(_tag_text(child))
            if text:
                blocks.append(Block(ITEM, text))
            _walk(nested, blocks)
        elif kind is not None:
            flush()
            text = _clean(_tag_text(child, cell_separator=" | " if child.name == "tr" else " "))
            if text:
                blocks.append(Block(kind, text))
        elif child.name in _CONTAINER_TAGS or child.find(list(_BLOCK_TAGS)):
            flush()
            _walk(child, blocks)
        elif child.name == "br":
            loose.append("\n")
        else:
            loose.append(_tag_text(child))
    flush()


def _tag_text(tag: Tag, cell_separator: str = " ") -> str:
    parts = []
    for element in tag.descendants:
        if isinstance(element, Tag) and element.name == "br":
            parts.append("\n")
        elif isinstance(element, Tag) and element.name in {"td", "th"} and parts:
            parts.append(cell_separator)
        elif type(element) is NavigableString:
            # Line breaks in HTML source are spaces; only <br> breaks a line.
            parts.append(str(element).replace("\n", " "))
    return "".join(parts)


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text.strip(" |")


_WORD_STYLES = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Subtitle'] => h2:fresh",
        "p[style-name='Quote'] => blockquote > p:fresh",
        "p[style-name='Intense Quote'] => blockquote > p:fresh",
    ]
)


def _read_word(name: str, data: bytes) -> SourceDocument:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(_("“%(name)s” is not a Word (.docx) file.") % {"name": name})
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_WORD_STYLES)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(
            _("“%(name)s” is not a Word (.docx) file that can be read: %(error)s") % {"name": name, "error": error}
        ) from error
    document = _read_html(name, result.value)
    document.encoding = "docx"
    return document


def _without_chrome(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Blocks with tidy spacing, less the website's leftovers (returned apart, to be reported)."""
    kept, dropped = [], []
    for block in blocks:
        lines = [re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", line).strip() for line in block.text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            continue
        if WEBSITE_CHROME.match(text):
            dropped.append(text)
        else:
            kept.append(Block(block.kind, text))
    return kept, dropped
