"""Importing old reports: the seeds, reports in other styles and formats, and files that cannot be read."""

import datetime
import io
import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from projects.importing.readers import UnreadableFile, decode_text, read_document
from projects.models import EventReportPage, Organisation, Person, ProjectPage

SEEDS = Path(__file__).parent / "data" / "seeds"
BILGORAJ = SEEDS / "bilgoraj_000_ae40b0b5186375ec.txt"
GNIEZNO = SEEDS / "gniezno_002_95384c0c58d41c80.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for this module; each test's own changes roll back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=StringIO())
        yield
        transaction.set_rollback(True)
    cache.clear()


def project(slug: str) -> ProjectPage:
    return ProjectPage.objects.get(slug=slug, locale__language_code="pl")


def run(*args: str) -> list[dict]:
    """The command's JSON, its messages in English as the code writes them."""
    out = StringIO()
    with translation.override("en"):
        call_command("import_reports", *args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def names(rows: list[dict], key: str = "display_name") -> list[str]:
    return [row[key] for row in rows]


def test_the_gniezno_seed_becomes_a_draft_with_the_facts_of_its_readme(demo):
    woes = project("woes")

    [result] = run(str(GNIEZNO), "--parent", str(woes.pk))

    page = result["page"]
    expected = {
        "title": "Sesja dialogowa w Gnieźnie – relacja",
        "event_kind": "dialogue_session",
        "event_date": "2016-02-26",
        "event_end_date": None,
        "city": "Gniezno",
        "venue": "Sala sesyjna, Starostwo Powiatowe w Gnieźnie",
    }
    assert {key: page[key] for key in expected} == expected
    [organiser] = page["organisers"]
    assert (organiser["organisation"]["acronym"], organiser["role"]) == ("WOES", "organizator")
    assert names(page["moderators"], "public_name") == ["Anna Giżycka", "Jarosław Wypyszyński"]
    assert all(row["person"]["id"] for row in page["moderators"])
    assert names(page["participants"]) == [
        "MOPS Gniezno",
        "PUP w Gnieźnie",
        "Stowarzyszenie Rodzin Osób Niepełnosprawnych „Razem”",
        "WTZ Gniezno",
        "WTZ Caritas w Kłecku",
        "Urząd Gminy w Niechanowie",
        "Powiatowe Stowarzyszenie DOM",
        "Caritas Archidiecezji Gnieźnieńskiej",
        "Starostwo Powiatowe w Gnieźnie",
        "PCPR Gniezno",
    ]
    assert all(row["organisation"]["id"] for row in page["participants"]), "matched, not duplicated"
    assert len(page["goals"]) == 3
    assert page["goals"][0]["text"].startswith("Przedstawienie problemów społecznych")
    outcomes = " ".join(row["text"] for row in page["outcomes"])
    assert "wspólna wizja przeciwdziałania problemom jak bezrobocie" in outcomes
    assert "Spółdzielnie socjalne" in outcomes and "osób bezdomnych" in outcomes
    [quote] = [block["value"] for block in page["body"] if block["type"] == "quote"]
    assert quote["text"].startswith("Sesja dialogowa, to niezwykle istotny element")
    assert (quote["speaker"]["name"], quote["speaker"]["role"]) == ("Anna Giżycka", "specjalistka")
    contacts = page["contacts"]
    people = [block["value"]["person"] for block in contacts if block["type"] == "staff_contact"]
    assert [(p["name"], p["email"], p["phone"]["e164"], p["office_hours"]["display"]) for p in people] == [
        ("Jarosław Wypyszyński", "jarekwypyszynski@gmail.com", "+48518359273", "8.00 – 16.00"),
        ("Anna Giżycka", "anna.gizycka@spoldzielnie.org", "+48512212242", "8:30-16:30"),
    ]
    assert all(person["id"] for person in people), "matched by e-mail, not duplicated"
    offices = [block["value"]["office"] for block in contacts if block["type"] == "office"]
    assert all(office["id"] for office in offices), "matched by phone, not duplicated"
    assert [(o["name"], o["address"]["lines"], o["phone"]["e164"]) for o in offices] == [
        ("Konin", ["ul. Wrzosowa 7", "62-510 Konin"], "+48632455829"),
        ("Poznań", ["ul. Górecka 115", "61-475 Poznań"], "+48618871166"),
    ]
    warnings = " ".join(result["warnings"])
    assert "photo caption" in warnings and "Skip to content" in warnings
    unplaced = " ".join(result["unrecognised"])
    assert "Zdjęcie sali sesyjnej podczas sesji dialogowej" in unplaced
    assert "Jak najbardziej popieramy" in unplaced


def test_the_bilgoraj_seed_leaves_the_year_empty_and_says_why(demo):
    blizej_pasji = project("projekt-fundacji-blizej-pasji")
    organisations, people = Organisation.objects.count(), Person.objects.count()

    [result] = run(str(BILGORAJ), "--parent", str(blizej_pasji.pk))

    page = result["page"]
    assert (page["event_kind"], page["event_date"], page["city"], page["region"]) == (
        "networking",
        None,
        "Biłgoraj",
        "powiat biłgorajski",
    )
    [organiser] = page["organisers"]
    assert organiser["organisation"]["name"] == "Fundacja Bliżej Pasji" and organiser["organisation"]["id"]
    assert [program["title"] for program in page["programs"]] == ["Aktywni+"]
    goals = [row["text"] for row in page["goals"]]
    assert goals[:4] == ["zbudowanie relacji", "wymianę doświadczeń", "dyskusję", "dzielenie się doświadczeniami"]
    assert "wspólne inicjatywy" in goals[4]
    [quote] = [block["value"] for block in page["body"] if block["type"] == "quote"]
    assert quote["speaker"]["name"] == "Monika Dominik" and quote["speaker"]["role"] == "koordynatorka projektu"
    assert quote["text"].endswith("angielskiemu pojęciu „networking”")
    [line] = [block["value"] for block in page["contacts"]]
    assert line["phone"] == {"display": "501 144 678", "e164": "+48501144678"}
    warnings = " ".join(result["warnings"])
    assert "25 października b.r." in warnings and "year" in warnings
    assert "no title" in warnings and "(“pt.”)" in warnings

    draft = EventReportPage.objects.get(pk=result["created"]["id"])
    assert not draft.live and draft.event_date is None
    assert draft.get_parent().pk == blizej_pasji.pk
    notes = [(note.kind, note.note) for note in draft.source_notes.all()]
    assert any(kind == "missing" and "25 października b.r." in note for kind, note in notes)
    assert (Organisation.objects.count(), Person.objects.count()) == (organisations, people)


def test_dry_run_creates_nothing_and_needs_no_parent(demo):
    before = EventReportPage.objects.count()

    [result] = run(str(GNIEZNO), "--dry-run")

    assert result["page"]["title"] == "Sesja dialogowa w Gnieźnie – relacja"
    assert "id" not in result["page"] and "html_url" not in result["page"]["meta"]
    assert EventReportPage.objects.count() == before


def test_without_parent_and_without_dry_run_the_command_refuses(demo):
    with pytest.raises(CommandError, match="--parent"):
        call_command("import_reports", str(GNIEZNO))


def test_a_parent_that_cannot_hold_reports_is_refused(demo):
    with pytest.raises(CommandError, match="not a project or a report index"), translation.override("en"):
        call_command("import_reports", str(GNIEZNO), "--parent", str(project("woes").get_parent().pk))


HTML_REPORT = """<!doctype html><html><head><title>Stara strona</title><meta charset="utf-8"></head><body>
<nav><a href="/">Strona główna</a></nav>
<h1>Warsztaty rękodzieła w Krakowie</h1>
<p>W sobotę 18 marca 2023 w Bibliotece Publicznej w Krakowie odbyły się warsztaty rękodzieła.
Organizatorem było Stowarzyszenie Twórców Ludowych. Udział wzięło 25 osób.</p>
<p>Cele warsztatów:</p>
<ul><li>Nauka haftu krzyżykowego</li><li>Integracja mieszkańców</li></ul>
<blockquote><p>To było wspaniałe popołudnie pełne rozmów i nowych umiejętności dla nas wszystkich.</p></blockquote>
<p>– Maria Kowalska, prezeska stowarzyszenia</p>
<p>Kontakt: warsztaty@tworcy.example.org</p>
<div>Translate »</div>
</body></html>"""


def docx_bytes(paragraphs: list[tuple[str, str | None]]) -> bytes:
    import docx

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD_REPORT = [
    ("Konferencja o ekonomii społecznej", "Title"),
    ("Konferencja odbyła się od 5 do 7 maja 2024 roku w Poznaniu, w Auli Uniwersytetu.", None),
    ("Partnerem była Fundacja Rozwoju Lokalnego.", None),
    (
        "Jak podkreślił Jan Nowak, dyrektor ośrodka: „Bez współpracy samorządów i organizacji "
        "nie zbudujemy trwałych miejsc pracy.”",
        None,
    ),
    ("Efekty konferencji:", None),
    ("Powołanie zespołu roboczego", "List Bullet"),
    ("Wspólny kalendarz spotkań", "List Bullet"),
    ("Jan Nowak\nDyrektor ośrodka\njan.nowak@example.org\ntel. 61 887 11 66", None),
]
TEXT_REPORT = (
    "Szkolenie dla wolontariuszy w Gnieźnie\n\n"
    "Szkolenie zorganizowane przez Fundację Bliżej Pasji odbyło się 5–7.05.2024 w Gnieźnie.\n\n"
    "„Wolontariat zaczyna się od jednej rozmowy z drugim człowiekiem, a kończy na przyjaźni” – powiedziała "
    "Ewa Zielińska, koordynatorka wolontariuszy.\n\n"
    "Zapraszamy ponownie za rok, w Gnieźnie spotkamy się znów.\n"
)

EXPECTED = {
    "html": {
        "file": ("warsztaty.html", HTML_REPORT.encode()),
        "fields": {
            "title": "Warsztaty rękodzieła w Krakowie",
            "event_kind": "workshop",
            "event_date": "2023-03-18",
            "city": "Kraków",
            "venue": "Biblioteka Publiczna w Krakowie",
        },
        "organisers": ["Stowarzyszenie Twórców Ludowych"],
        "goals": ["Nauka haftu krzyżykowego", "Integracja mieszkańców"],
        "outcomes": [],
        "quote": ("Maria Kowalska", "prezeska stowarzyszenia"),
        "contact": {"email": "warsztaty@tworcy.example.org"},
    },
    "docx": {
        "file": ("konferencja.docx", docx_bytes(WORD_REPORT)),
        "fields": {
            "title": "Konferencja o ekonomii społecznej",
            "event_kind": "conference",
            "event_date": "2024-05-05",
            "event_end_date": "2024-05-07",
            "city": "Poznań",
        },
        "organisers": ["Fundacja Rozwoju Lokalnego"],
        "goals": [],
        "outcomes": ["Powołanie zespołu roboczego", "Wspólny kalendarz spotkań"],
        "quote": ("Jan Nowak", "dyrektor ośrodka"),
        "contact": {"person": ("Jan Nowak", "jan.nowak@example.org", "+48618871166")},
    },
    "text in Windows-1250": {
        "file": ("szkolenie.txt", TEXT_REPORT.encode("cp1250")),
        "fields": {
            "title": "Szkolenie dla wolontariuszy w Gnieźnie",
            "event_kind": "training",
            "event_date": "2024-05-05",
            "event_end_date": "2024-05-07",
            "city": "Gniezno",
        },
        "organisers": ["Fundacja Bliżej Pasji"],
        "goals": [],
        "outcomes": [],
        "quote": ("Ewa Zielińska", "koordynatorka wolontariuszy"),
        "contact": None,
    },
}


@pytest.mark.parametrize("style", list(EXPECTED))
def test_reports_in_other_styles_fill_the_expected_fields(demo, tmp_path, style):
    case = EXPECTED[style]
    name, data = case["file"]
    path = tmp_path / name
    path.write_bytes(data)

    [result] = run(str(path), "--dry-run")

    page = result["page"]
    assert {key: page[key] for key in case["fields"]} == case["fields"]
    assert names(page["organisers"]) == case["organisers"]
    assert [row["text"] for row in page["goals"]] == case["goals"]
    assert [row["text"] for row in page["outcomes"]] == case["outcomes"]
    [quote] = [block["value"] for block in page["body"] if block["type"] == "quote"]
    assert (quote["speaker"]["name"], quote["speaker"]["role"]) == case["quote"]
    contacts = page["contacts"]
    if case["contact"] is None:
        assert contacts == []
    elif "email" in case["contact"]:
        assert [block["value"]["email"] for block in contacts] == [case["contact"]["email"]]
    else:
        [block] = contacts
        person = block["value"]["person"]
        assert (person["name"], person["email"], person["phone"]["e164"]) == case["contact"]["person"]
        assert person["id"] is None, "a new person, created only with the page"
    assert result["warnings"], "every guess is listed"


def test_an_html_report_leaves_out_the_website_around_it_and_says_so(demo, tmp_path):
    path = tmp_path / "warsztaty.html"
    path.write_text(HTML_REPORT)

    [result] = run(str(path), "--dry-run")

    text = json.dumps(result["page"]["body"], ensure_ascii=False)
    assert "Strona główna" not in text and "Translate" not in text
    assert any("Translate »" in warning for warning in result["warnings"])
    assert result["page"]["participant_count"] == 25
    assert any("25" in warning and "participants" in warning for warning in result["warnings"]), result["warnings"]


def test_new_organisations_and_people_are_created_only_with_the_page(demo, tmp_path):
    path = tmp_path / "konferencja.docx"
    path.write_bytes(EXPECTED["docx"]["file"][1])
    index = (
        EventReportPage.objects.first().get_parent().get_parent().get_parent().get_children().type(ProjectPage).first()
    )
    assert index is None or index  # the project index holds projects only
    parent = project("woes")

    run(str(path), "--dry-run")
    assert not Organisation.objects.filter(name="Fundacja Rozwoju Lokalnego").exists()

    [result] = run(str(path), "--parent", str(parent.pk))

    draft = EventReportPage.objects.get(pk=result["created"]["id"])
    [organiser] = draft.organisers.all()
    assert organiser.organisation.name == "Fundacja Rozwoju Lokalnego" and organiser.name == ""
    person = Person.objects.get(email="jan.nowak@example.org")
    assert (person.phone_e164, person.organisation.acronym) == ("+48618871166", "SNRSS")

    [again] = run(str(path), "--parent", str(parent.pk))
    assert Organisation.objects.filter(name="Fundacja Rozwoju Lokalnego").count() == 1
    assert Person.objects.filter(email="jan.nowak@example.org").count() == 1
    assert again["page"]["organisers"][0]["organisation"]["id"] == organiser.organisation.pk


def test_bad_files_get_a_message_each_and_the_others_are_still_imported(demo, tmp_path, settings):
    settings.KRONIKA_IMPORT_MAX_FILE_BYTES = 1024 * 1024
    files = {
        "pusty.txt": b"   \n",
        "obraz.txt": bytes(range(256)) * 4,
        "duzy.txt": b"a" * (1024 * 1024 + 1),
        "falszywy.docx": b"To nie jest plik Worda.",
        "arkusz.xls": b"\xd0\xcf\x11\xe0",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "szkolenie.txt"
    good.write_bytes(TEXT_REPORT.replace("–", "-").replace("„", '"').replace("”", '"').encode("iso-8859-2"))
    paths = [str(tmp_path / name) for name in files] + [str(good)]
    parent = project("woes")
    before, organisations = EventReportPage.objects.count(), Organisation.objects.count()

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="5 of 6 files"), translation.override("en"):
        call_command("import_reports", *paths, "--parent", str(parent.pk), stdout=out, stderr=err)

    messages = err.getvalue()
    assert "pusty.txt” is empty" in messages
    assert "obraz.txt” is not a text file" in messages
    assert "duzy.txt” is larger than 1 MB" in messages
    assert "falszywy.docx” is not a Word (.docx) file" in messages
    assert "arkusz.xls” is not a file the importer reads" in messages
    assert EventReportPage.objects.count() == before + 1
    assert Organisation.objects.count() == organisations
    draft = EventReportPage.objects.get(title="Szkolenie dla wolontariuszy w Gnieźnie")
    assert draft.city == "Gniezno" and not draft.live


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1250", "iso-8859-2"])
def test_polish_text_is_read_in_the_encodings_of_polish_archives(encoding):
    text = "Śniadanie w Łodzi: źródło, gęś, żółw, ćma, Ąę Źź Śś."

    decoded, found = decode_text("a.txt", text.encode(encoding))

    assert decoded.lstrip("\ufeff") == text
    assert found == encoding or (encoding.startswith("utf-8") and found.startswith("utf-8"))


def test_a_binary_file_is_refused():
    with pytest.raises(UnreadableFile, match="binary"), translation.override("en"):
        read_document("zdjecie.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_the_draft_keeps_every_paragraph_it_could_not_place(demo):
    document = read_document(GNIEZNO.name, GNIEZNO.read_bytes())
    from projects.importing.recogniser import recognise

    facts = recognise(document)

    body_text = " ".join(part.text or " ".join(part.items) or part.quote.text for part in facts.body)
    for block in document.blocks:
        placed_elsewhere = (
            block.text in " ".join(facts.goals)
            or block.text.startswith(facts.outcomes[0])
            or any(block.text.startswith(p.name) for p in facts.people)
            or any(o.street_address in block.text for o in facts.offices)
        )
        first_words = " ".join(block.text.strip("„”").split()[:4])
        assert first_words in body_text or placed_elsewhere or block.text.endswith(":"), block.text


def test_event_dates_of_report_start_at_their_first_day():
    from projects.importing.dates import find_dates

    cases = {
        "26 lutego 2016 r.": (datetime.date(2016, 2, 26), None),
        "w sobotę 18 marca 2023": (datetime.date(2023, 3, 18), None),
        "5–7.05.2024": (datetime.date(2024, 5, 5), datetime.date(2024, 5, 7)),
        "od 5 do 7 maja 2024 roku": (datetime.date(2024, 5, 5), datetime.date(2024, 5, 7)),
        "25 października": (None, None),
    }
    for text, expected in cases.items():
        [found] = find_dates(text)
        assert (found.start, found.end) == expected, text


@pytest.mark.parametrize(
    ("locative", "nominative"),
    [
        ("Gnieźnie", "Gniezno"),
        ("Biłgoraju", "Biłgoraj"),
        ("Koninie", "Konin"),
        ("Poznaniu", "Poznań"),
        ("Krakowie", "Kraków"),
        ("Warszawie", "Warszawa"),
        ("Wrocławiu", "Wrocław"),
        ("Gdańsku", "Gdańsk"),
        ("Katowicach", "Katowice"),
        ("Kielcach", "Kielce"),
        ("Gdyni", "Gdynia"),
        ("Opolu", "Opole"),
        ("Sopocie", "Sopot"),
        ("Bydgoszczy", "Bydgoszcz"),
        ("Zielonej Górze", "Zielona Góra"),
    ],
)
def test_a_city_in_the_locative_is_put_back_into_the_nominative_by_its_ending(locative, nominative):
    from projects.importing.polish import city_candidates

    assert city_candidates(locative)[0] == nominative


def test_a_city_kronika_knows_wins_over_the_rules_first_guess():
    from projects.importing.polish import city_candidates
    from projects.importing.recogniser import recognise

    assert city_candidates("Kłecku")[0] == "Kłeck"
    document = read_document("a.txt", "Spotkanie w Kłecku\n\nSpotkanie odbyło się 3 maja 2024 w Kłecku.".encode())

    assert recognise(document, known_cities=["Kłecko"]).city == "Kłecko"
    assert recognise(document).city == "Kłeck"


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Urzędu Gminy w Niechanowie", "Urząd Gminy w Niechanowie"),
        ("Powiatowego Stowarzyszenia DOM", "Powiatowe Stowarzyszenie DOM"),
        ("Starostwa Powiatowego w Gnieźnie", "Starostwo Powiatowe w Gnieźnie"),
        ("Fundację Bliżej Pasji", "Fundacja Bliżej Pasji"),
        ("Sali sesyjnej", "Sala sesyjna"),
        ("Powiatowego Urzędu Pracy w Gnieźnie", "Powiatowy Urząd Pracy w Gnieźnie"),
        ("Caritas Archidiecezji Gnieźnieńskiej", "Caritas Archidiecezji Gnieźnieńskiej"),
        ("MOPS Gniezno", "MOPS Gniezno"),
    ],
)
def test_organisation_and_venue_names_are_put_back_into_the_nominative(written, nominative):
    from projects.importing.polish import nominative_name

    assert nominative_name(written) == nominative


def test_a_file_whose_draft_cannot_be_saved_leaves_nothing_behind(demo, tmp_path, monkeypatch):
    path = tmp_path / "konferencja.docx"
    path.write_bytes(EXPECTED["docx"]["file"][1])
    good = tmp_path / "szkolenie.txt"
    good.write_text(TEXT_REPORT)
    parent = project("woes")
    organisations, people = Organisation.objects.count(), Person.objects.count()
    original = ProjectPage.add_child

    def add_child_failing_for_the_conference(self, **kwargs):
        if kwargs["instance"].title.startswith("Konferencja"):
            raise RuntimeError("disk full")
        return original(self, **kwargs)

    monkeypatch.setattr(ProjectPage, "add_child", add_child_failing_for_the_conference)

    with pytest.raises(CommandError, match="1 of 2 files"), translation.override("en"):
        call_command(
            "import_reports", str(path), str(good), "--parent", str(parent.pk), stdout=StringIO(), stderr=StringIO()
        )

    assert (Organisation.objects.count(), Person.objects.count()) == (organisations, people)
    assert not EventReportPage.objects.filter(title__startswith="Konferencja").exists()
    assert EventReportPage.objects.filter(title="Szkolenie dla wolontariuszy w Gnieźnie").exists()


@pytest.mark.parametrize(
    "paragraph",
    [
        "«Przyszliśmy po radę, a wychodzimy z planem na cały rok pracy» – powiedziała Anna Nowak, sołtyska wsi.",
        '"Przyszliśmy po radę, a wychodzimy z planem na cały rok pracy" – powiedziała Anna Nowak, sołtyska wsi.',
        "„Przyszliśmy po radę, a wychodzimy z planem na cały rok pracy” – powiedziała Anna Nowak, sołtyska wsi.",
        "Jak podkreśliła Anna Nowak, sołtyska wsi: „Przyszliśmy po radę, a wychodzimy z planem na cały rok pracy”.",
    ],
)
def test_quotes_are_read_in_each_form_polish_texts_use(paragraph):
    from projects.importing.recogniser import recognise

    document = read_document("a.txt", f"Zebranie wiejskie\n\n{paragraph}\n".encode())

    [quote] = [part.quote for part in recognise(document).body if part.kind == "quote"]
    assert (quote.text, quote.speaker, quote.role) == (
        "Przyszliśmy po radę, a wychodzimy z planem na cały rok pracy",
        "Anna Nowak",
        "sołtyska wsi",
    )
