"""What a translator is offered for each page type and snippet: exactly these strings, nothing synchronised."""

import pytest
from wagtail.rich_text import RichText

from .localization_fixtures import filled_program, filled_project, filled_report, filled_snippets
from .segment_paths import segment_paths

pytestmark = pytest.mark.django_db

STORY = [
    "{f}.gallery#5.images.#0.alt_text",
    "{f}.gallery#5.images.#0.caption",
    "{f}.gallery#5.images.#0.credit",
    "{f}.gallery#5.images.#1.alt_text",
    "{f}.gallery#5.images.#1.caption",
    "{f}.gallery#5.images.#1.credit",
    "{f}.gallery#5.title",
    "{f}.heading#1.text",
    "{f}.image#4.alt_text",
    "{f}.image#4.caption",
    "{f}.image#4.credit",
    "{f}.list#6.items.#0",
    "{f}.list#6.items.#1",
    "{f}.paragraph#0",
    "{f}.quote#2.role",
    "{f}.quote#2.text",
    "{f}.quote#3.role",
    "{f}.quote#3.text",
    "{f}.staff_contact#7.note",
]
STORY_RELATED = ["{f}.office#8.office", "{f}.quote#2.person", "{f}.staff_contact#7.person"]
CONTACTS = ["contacts.contact_line#2.label", "contacts.staff_contact#0.note"]
CONTACTS_RELATED = ["contacts.office#1.office", "contacts.staff_contact#0.person"]
PAGE = ["slug", "summary", "title"]
HERO_IMAGE = ["hero_image_alt", "hero_image_caption", "hero_image_credit"]


def story(field: str, paths: list[str]) -> list[str]:
    return [path.format(f=field) for path in paths]


EXPECTED = {
    "home": {"strings": ["intro", "slug", "title"], "related": [], "overridable": []},
    "reports_index": {"strings": ["intro", *PAGE], "related": [], "overridable": []},
    "program": {
        "strings": sorted(["full_name", *PAGE, *HERO_IMAGE, *story("description", STORY)]),
        "related": sorted(["funder", *story("description", STORY_RELATED)]),
        "overridable": ["description.paragraph#0.'https://example.org/'"],
    },
    "project": {
        "strings": sorted(
            [
                "official_title",
                "partners.#0.name",
                "partners.#0.role",
                *PAGE,
                *HERO_IMAGE,
                *story("body", STORY),
                *CONTACTS,
            ]
        ),
        "related": sorted(
            ["coordinators.#0.person", "lead_organisation", *story("body", STORY_RELATED), *CONTACTS_RELATED]
        ),
        "overridable": ["body.paragraph#0.'https://example.org/'"],
    },
    "report": {
        "strings": sorted(
            [
                "city",
                "region",
                "venue",
                "goals.#0.text",
                "outcomes.#0.text",
                "organisers.#0.role",
                "participants.#0.name",
                *PAGE,
                *HERO_IMAGE,
                *story("body", STORY),
                *CONTACTS,
            ]
        ),
        "related": sorted(
            [
                "moderators.#0.person",
                "organisers.#0.organisation",
                "participants.#1.organisation",
                *story("body", STORY_RELATED),
                *CONTACTS_RELATED,
            ]
        ),
        "overridable": ["body.paragraph#0.'https://example.org/'"],
    },
    "organisation": {"strings": ["city", "name"], "related": ["parent"], "overridable": []},
    "person": {"strings": ["department", "role"], "related": ["organisation"], "overridable": []},
    "office": {"strings": ["name"], "related": ["organisation"], "overridable": []},
}


@pytest.fixture
def filled(site_tree) -> dict:
    """One object of each page type and snippet with every field filled, phones, e-mails and dates included."""
    site_tree.home.intro = "<p>Witamy</p>"
    site_tree.home.save_revision().publish()
    site_tree.reports.intro = "<p>Relacje</p>"
    site_tree.reports.summary = "Wszystkie relacje"
    site_tree.reports.save_revision().publish()
    snippets = filled_snippets()
    program = filled_program(site_tree.programs, snippets)
    project = filled_project(site_tree.projects, snippets, program)
    return {
        "home": site_tree.home,
        "reports_index": site_tree.reports,
        "program": program,
        "project": project,
        "report": filled_report(project, snippets),
        **snippets,
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_translators_get_exactly_the_offered_segments(filled, name):
    assert segment_paths(filled[name]) == EXPECTED[name]


def test_synchronised_values_never_reach_the_po_file(filled):
    """Phones, e-mails, hours, names of people, dates and internal notes are not among the strings."""
    from wagtail_localize.models import TranslationSource

    texts = []
    for name in ["report", "project", "person", "office", "organisation"]:
        source, _created = TranslationSource.get_or_create_from_instance(filled[name])
        texts += [entry.msgid for entry in source.export_po()]
    joined = "\n".join(texts)
    for value in ["501 144 678", "biuro@example.org", "8:00-16:00", "Anna Giżycka", "Jan Nowak", "2016", "Tylko dla"]:
        assert value not in joined
    assert "Caritas Archidiecezji Gnieźnieńskiej" in texts
    assert "Wielkopolski Ośrodek Ekonomii Społecznej" in texts


def test_rich_text_is_offered_sentence_by_sentence(filled):
    report = filled["report"]
    report.body = [("paragraph", RichText("<p>Pierwsze zdanie.</p><p>Drugie zdanie.</p>"))]
    report.save_revision().publish()
    assert segment_paths(report)["strings"].count("body.paragraph#0") == 2
