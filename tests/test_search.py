"""Search finds what people remember: every public word of a report, in Polish as people type it, best match first.

The corpus below is written for these tests: each query of QUERIES names the reports it must find, in order.
It runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN) alike.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from projects.models import ReportGoal, ReportParticipant, SearchDocument
from projects.search import index, scope

from .factories import EventReportPageFactory, OrganisationFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

REPORTS = {"type": "projects.EventReportPage"}


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


@pytest.fixture
def corpus(site_tree, english):
    """Five public reports (four Polish, one English), a draft, a restricted one and one naming a hidden person."""
    project = ProjectPageFactory(parent=site_tree.projects, title="Razem dla seniorów", slug="razem")
    giżycka = PersonFactory(name="Anna Giżycka", role="koordynatorka projektu")
    hidden = PersonFactory(name="Barbara Ukryta", role="wolontariuszka")
    association = OrganisationFactory(name="Stowarzyszenie Na Rzecz Seniorów")
    gniezno = EventReportPageFactory(
        parent=project, slug="sesja", title="Sesja dialogowa w Gnieźnie", city="Gniezno",
        region="powiat gnieźnieński", venue="Sala sesyjna, Starostwo Powiatowe w Gnieźnie",
        summary="Spotkanie przedstawicieli organizacji pozarządowych z samorządem.",
        body=[
            {"type": "heading", "value": {"text": "Przebieg spotkania", "level": "h2"}},
            _paragraph("<p>Uczestnicy rozmawiali o <b>współpracy</b> z samorządem.</p>"),
            {"type": "list", "value": {"style": "bullets", "items": ["diagnoza potrzeb", "plan działań"]}},
            {"type": "quote", "value": {"text": "Warto rozmawiać.", "person": giżycka.pk, "attribution": "",
                                        "role": ""}},
        ],
    )  # fmt: skip
    gniezno.participants.create(organisation=association)
    gniezno.save()
    bilgoraj = EventReportPageFactory(
        parent=project, slug="sniadanie", title="Śniadanie senioralne", city="Biłgoraj", region="powiat biłgorajski",
        body=[
            _paragraph("<p>W Biłgoraju seniorzy spotkali się na wspólnym śniadaniu.</p>"),
            {"type": "quote", "value": {"text": "Było smacznie.", "person": None, "attribution": "Jan Wiśniewski",
                                        "role": "senior"}},
        ],
    )  # fmt: skip
    bilgoraj.participants.create(name="Klub Seniora Złota Jesień")
    bilgoraj.moderators.create(person=hidden)
    bilgoraj.save()
    workshop = EventReportPageFactory(
        parent=project, slug="warsztaty", title="Warsztaty dla organizacji", city="Poznań", region="powiat poznański",
        body=[_paragraph("<p>Po sesji zdjęciowej organizacje pozarządowe omówiły wnioski.</p>")],
    )  # fmt: skip
    english_report = EventReportPageFactory(
        parent=project, slug="breakfast", title="Networking breakfast", city="Biłgoraj", locale=english,
        body=[_paragraph("<p>Seniors met in the library for regular meetings.</p>")],
    )  # fmt: skip
    draft = EventReportPageFactory(parent=project, slug="szkic", title="Tajemnicze spotkanie", live=False)
    restricted = EventReportPageFactory(parent=project, slug="zamkniete", title="Zastrzeżone obrady w Gnieźnie")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")  # noqa: S106
    hidden.is_public = False
    hidden.save()
    return {
        "gniezno": gniezno, "bilgoraj": bilgoraj, "workshop": workshop, "english": english_report,
        "draft": draft, "restricted": restricted, "giżycka": giżycka, "hidden": hidden,
    }  # fmt: skip


GNIEZNO, BILGORAJ, WORKSHOP, ENGLISH = (
    "Sesja dialogowa w Gnieźnie",
    "Śniadanie senioralne",
    "Warsztaty dla organizacji",
    "Networking breakfast",
)
QUERIES = [
    ({"search": "sesji"}, [GNIEZNO, WORKSHOP]),
    ({"search": "sesja dialogowa"}, [GNIEZNO]),
    ({"search": "Gnieźnie"}, [GNIEZNO]),
    ({"search": "gnieznie"}, [GNIEZNO]),
    ({"search": "Gniezno"}, [GNIEZNO]),
    # Both in the body: the word as typed ("W Biłgoraju") above its stem (the English page's city).
    ({"search": "Biłgoraju"}, [BILGORAJ, ENGLISH]),
    ({"search": "bilgoraju"}, [BILGORAJ, ENGLISH]),
    ({"search": "organizacji pozarządowych"}, [GNIEZNO, WORKSHOP]),
    ({"search": "organizacji pozarzadowych"}, [GNIEZNO, WORKSHOP]),
    # The whole query in the summary ranks above the same words, as typed, in the body.
    ({"search": "organizacje pozarządowe"}, [GNIEZNO, WORKSHOP]),
    ({"search": "spotkaniach"}, [GNIEZNO, BILGORAJ]),
    ({"search": "współpracy"}, [GNIEZNO]),
    ({"search": "wspolpraca"}, [GNIEZNO]),
    ({"search": "Giżycka"}, [GNIEZNO]),
    ({"search": "gizyckiej"}, [GNIEZNO]),
    ({"search": "Wiśniewski"}, [BILGORAJ]),
    ({"search": "Starostwo"}, [GNIEZNO]),
    ({"search": "stowarzyszenie seniorow"}, [GNIEZNO]),
    ({"search": "Złota Jesień"}, [BILGORAJ]),
    ({"search": "diagnoza potrzeb"}, [GNIEZNO]),
    ({"search": "meeting", "locale": "en"}, [ENGLISH]),
    ({"search": "meeting"}, [ENGLISH]),
    ({"search": "library"}, [ENGLISH]),
    ({"search": "sesja dialogowa śniadanie", "search_operator": "or"}, [GNIEZNO, BILGORAJ, WORKSHOP]),
    ({"search": "Biłgoraj", "locale": "pl"}, [BILGORAJ]),
    # Never what is not public: a draft, a restricted page, a person who is not shown.
    ({"search": "tajemnicze"}, []),
    ({"search": "zastrzeżone"}, []),
    ({"search": "Ukryta"}, []),
]


def test_search_finds_reports_by_what_people_remember_in_order(client, corpus):
    found = {}
    for params, _expected in QUERIES:
        response = client.get("/api/v2/pages/", {**REPORTS, **params})
        assert response.status_code == 200, (params, response.content)
        found[str(params)] = [item["title"] for item in response.json()["items"]]
    assert found == {str(params): expected for params, expected in QUERIES}


def test_results_carry_an_escaped_highlighted_snippet_only_when_searching(client, corpus):
    corpus["workshop"].body = [_paragraph("<p>Po sesji: 2 &lt; 3 &amp; <i>dalej</i>.</p>")]
    corpus["workshop"].save_revision().publish()
    items = client.get("/api/v2/pages/", {**REPORTS, "search": "sesji"}).json()["items"]
    snippets = {item["title"]: item["meta"]["search_snippet"] for item in items}
    assert snippets[GNIEZNO].startswith("<mark>Sesja</mark> dialogowa w Gnieźnie Spotkanie przedstawicieli")
    assert snippets[WORKSHOP].startswith("Po <mark>sesji</mark>: 2 &lt; 3 &amp; dalej .")
    listing = client.get("/api/v2/pages/", REPORTS).json()["items"]
    assert all("search_snippet" not in item["meta"] for item in listing)


def test_order_by_a_field_overrides_relevance_and_relevance_needs_a_search(client, corpus):
    by_title = client.get("/api/v2/pages/", {**REPORTS, "search": "sesji", "order": "title"}).json()["items"]
    assert [item["title"] for item in by_title] == [GNIEZNO, WORKSHOP]
    by_relevance = client.get("/api/v2/pages/", {**REPORTS, "search": "sesji", "order": "relevance"})
    assert [item["title"] for item in by_relevance.json()["items"]] == [GNIEZNO, WORKSHOP]
    by_date = client.get("/api/v2/pages/", {**REPORTS, "search": "sesji", "order": "-title"})
    assert [item["title"] for item in by_date.json()["items"]] == [WORKSHOP, GNIEZNO]
    response = client.get("/api/v2/pages/", {**REPORTS, "order": "relevance"})
    assert response.status_code == 400
    assert response.json() == {"message": "order=relevance needs search="}


def test_documents_follow_publishing_unpublishing_restrictions_and_people(client, corpus):
    def titles(query: str) -> list[str]:
        return [item["title"] for item in client.get("/api/v2/pages/", {**REPORTS, "search": query}).json()["items"]]

    gniezno = corpus["gniezno"]
    gniezno.unpublish()
    assert titles("Gnieźnie") == []
    gniezno.save_revision().publish()
    assert titles("Gnieźnie") == [GNIEZNO]

    restriction = PageViewRestriction.objects.get(page=corpus["restricted"])
    restriction.delete()
    assert titles("zastrzeżone") == ["Zastrzeżone obrady w Gnieźnie"]

    giżycka = corpus["giżycka"]
    giżycka.is_public = False
    giżycka.save()
    assert titles("Giżycka") == []
    giżycka.name = "Anna Nowacka"
    giżycka.is_public = True
    giżycka.save()
    assert titles("Nowackiej") == [GNIEZNO]

    draft = corpus["draft"].get_latest_revision_as_object() if corpus["draft"].latest_revision else corpus["draft"]
    draft.save_revision().publish()
    assert titles("tajemnicze") == ["Tajemnicze spotkanie"]
    corpus["workshop"].delete()
    assert titles("warsztaty") == []
    assert not SearchDocument.objects.filter(object_id=corpus["workshop"].pk).exists()


def test_a_draft_of_a_live_page_is_not_searchable_until_published(client, corpus):
    gniezno = Page.objects.get(pk=corpus["gniezno"].pk).specific
    gniezno.title = "Zupełnie nowy tytuł roboczy"
    gniezno.save_revision()
    assert client.get("/api/v2/pages/", {"search": "roboczy"}).json()["items"] == []
    assert client.get("/api/v2/pages/", {"search": "dialogowa"}).json()["meta"]["total_count"] == 1


def test_snippets_are_searched_by_their_public_fields(client, corpus):
    people = client.get("/api/v2/people/", {"search": "gizycka"}).json()["items"]
    assert [person["name"] for person in people] == ["Anna Giżycka"]
    assert client.get("/api/v2/people/", {"search": "ukryta"}).json()["items"] == []
    organisations = client.get("/api/v2/organisations/", {"search": "stowarzyszenia seniorów"}).json()["items"]
    assert [organisation["name"] for organisation in organisations] == ["Stowarzyszenie Na Rzecz Seniorów"]


ODD_QUERIES = [
    "\x00",
    "sesja\x00dialogowa",
    '";',
    "NEAR(sesja dialogowa)",
    "sesja OR dialogowa AND NOT x*",
    "{title_words}: sesja",
    "'sesja' & !dialogowa | (",
    "sesja:* <-> dialogowa",
    "^sesja",
    "😀 sesja",
    '"sesja',
    "sesja*",
    "-sesja",
    "sesja -dialogowa",
    "(sesja",
    "sesja)",
    "NEAR",
    "*",
    "AND",
    "gnie* + ~sesja",
]


ENDPOINTS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/people/",
    "/api/v2/organisations/",
    "/api/v2/offices/",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_input_makes_search_fail(client, corpus, endpoint):
    for query in ODD_QUERIES:
        response = client.get(endpoint, {"search": query})
        assert response.status_code in (200, 400), (query, response.content)
        assert response.status_code == 200 or "message" in response.json()
    too_long = client.get(endpoint, {"search": " ".join(["słowo"] * 2000)})
    assert too_long.status_code == 400
    assert too_long.json() == {"message": "search is longer than 200 characters"}


def test_rebuild_all_makes_the_same_documents(corpus):
    before = {(d.content_type_id, d.object_id, d.body_stems) for d in SearchDocument.objects.all()}
    index.rebuild_all()
    after = {(d.content_type_id, d.object_id, d.body_stems) for d in SearchDocument.objects.all()}
    # Also the pages migrations made without signals (Wagtail's root and welcome page).
    assert before <= after
    assert len(after - before) == 2


def test_english_pages_are_stemmed_in_english_and_polish_in_polish(corpus):
    english = SearchDocument.objects.get(object_id=corpus["english"].pk)
    polish = SearchDocument.objects.get(object_id=corpus["bilgoraj"].pk)
    assert english.language == "en" and "0meet" in english.body_stems.split()
    assert polish.language == "pl" and "0spotkac" in polish.body_stems.split()


def test_searching_costs_one_query_more_than_listing_whatever_the_results(client, corpus):
    """The match is in the listing's own query and count; the snippets of a page of results are one query,
    and on SQLite the ranks one more (FTS5 ranks in a scan of the matches; PostgreSQL ranks in the listing's query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(params: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v2/pages/", {**REPORTS, **params}).status_code == 200
        return len(captured)

    extra = 2 if connection.vendor == "sqlite" else 1
    listing = queries({"order": "title"})
    assert queries({"search": "sesji"}) <= listing + extra
    assert queries({"search": "spotkanie organizacji Gnieźnie Biłgoraj", "search_operator": "or"}) <= listing + extra


def test_a_page_saved_with_its_inline_rows_has_its_document_built_once(client, corpus, monkeypatch):
    built = []
    real_build = index.build_document

    def counted_build(obj, languages):
        built.append(obj.pk)
        return real_build(obj, languages)

    monkeypatch.setattr(index, "build_document", counted_build)
    workshop = Page.objects.get(pk=corpus["workshop"].pk).specific
    workshop.participants = [ReportParticipant(name=f"Koło Gospodyń nr {number}") for number in range(5)]
    workshop.goals = [ReportGoal(text="Wymiana doświadczeń"), ReportGoal(text="Plan wspólnych działań")]
    workshop.save_revision().publish()
    assert built == [workshop.pk]
    assert [item["title"] for item in client.get("/api/v2/pages/", {"search": "gospodyń"}).json()["items"]] == [
        WORKSHOP
    ]
    # A row saved on its own still brings the document up to date at once.
    built.clear()
    ReportParticipant.objects.create(page=workshop, name="Ochotnicza Straż Pożarna")
    assert built == [workshop.pk]
    assert client.get("/api/v2/pages/", {"search": "straży pożarnej"}).json()["meta"]["total_count"] == 1


@pytest.mark.parametrize("model_name", ["page", "person", "organisation", "image", "document"])
def test_no_input_makes_the_admin_search_fail(corpus, model_name):
    """The admin's searches (pages, snippets, images, documents) go through the same backend, whatever is typed."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.search.backends import get_search_backend

    from projects.models import Organisation, Person

    model = {"page": Page, "person": Person, "organisation": Organisation}.get(model_name)
    model = model or (get_image_model() if model_name == "image" else get_document_model())
    backend = get_search_backend()
    for query in [*ODD_QUERIES, " ".join(["słowo"] * 2000)]:
        list(backend.search(query, model.objects.all()))
        list(backend.autocomplete(query, model.objects.all()))


def test_a_page_of_results_within_the_ranked_candidates_is_read_from_them_in_the_same_order(client, corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = {**REPORTS, "search": "organizacji sesji Biłgoraju", "search_operator": "or"}
    everything = [item["title"] for item in client.get("/api/v2/pages/", query).json()["items"]]
    assert len(everything) == 4
    one_by_one = []
    for offset in range(len(everything)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v2/pages/", {**query, "limit": 1, "offset": offset})
        one_by_one += [item["title"] for item in response.json()["items"]]
        assert response.json()["meta"]["total_count"] == 4
        # The text index is asked once, for the ranking: the page is read from the ranked candidates, not asked
        # again, and the exact count, made by the first request, is kept until the next change (api.counting).
        text_index = "MATCH" if connection.vendor == "sqlite" else "@@"
        assert sum(text_index in entry["sql"] for entry in captured) == 1
    assert one_by_one == everything


def test_a_report_named_by_the_words_comes_first_however_many_newer_reports_mention_them(
    client, site_tree, monkeypatch
):
    from projects.search import query as search_query

    project = ProjectPageFactory(parent=site_tree.projects, title="Archiwum", slug="archiwum")
    EventReportPageFactory(parent=project, slug="stary", title="Festyn w Kłecku", city="Kłecko")
    for number in range(4):
        EventReportPageFactory(
            parent=project, slug=f"nowy-{number}", title=f"Spotkanie {number}", city="Poznań",
            body=[_paragraph("<p>Wspominaliśmy zeszłoroczny festyn.</p>")],
        )  # fmt: skip
    # Fewer ranked candidates than newer reports that mention the word: the old report is outside the window.
    monkeypatch.setattr(search_query, "RANKED_CANDIDATES", 2)

    titles = [item["title"] for item in client.get("/api/v2/pages/", {**REPORTS, "search": "festyn"}).json()["items"]]

    assert titles[0] == "Festyn w Kłecku"
    assert len(titles) == 5


def test_a_search_counts_exactly_the_public_pages_it_finds_as_they_change(client, corpus, site_tree):
    """meta.total_count is the number of pages found, whether the text index counts them (a listing narrowed by
    nothing but its type) or the database does, as pages are unpublished, restricted and moved to another site."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from .factories import HomePageFactory

    def found(params: dict) -> tuple[int, int]:
        body = client.get("/api/v2/pages/", {"limit": 100, **params}).json()
        return body["meta"]["total_count"], len(body["items"])

    def assert_counts_agree() -> list[int]:
        counts = []
        for words in ["organizacji", "seniorów", "Biłgoraju", "sesji spotkanie", "zastrzeżone"]:
            for narrowed in [REPORTS, {}, {"type": "projects.ProjectPage"}, {**REPORTS, "locale": "pl"}]:
                total, listed = found({**narrowed, "search": words})
                assert total == listed, (words, narrowed)
                counts.append(total)
        return counts

    with CaptureQueriesContext(connection) as captured:
        before = assert_counts_agree()
    if connection.vendor == "sqlite":
        assert any(entry["sql"].startswith("SELECT count(*) FROM projects_searchdocument_fts") for entry in captured)
    corpus["workshop"].unpublish()
    assert assert_counts_agree() != before
    project = corpus["gniezno"].get_parent()
    restriction = PageViewRestriction.objects.create(page=project, restriction_type="password", password="x")  # noqa: S106
    assert set(assert_counts_agree()) == {0}
    restriction.delete()
    other_home = HomePageFactory(parent=Page.get_first_root_node(), title="Inna", slug="inna")
    Site.objects.create(hostname="inna.example", root_page=other_home, site_name="Inna")
    Page.objects.get(pk=corpus["bilgoraj"].pk).move(other_home, pos="last-child")
    assert found({**REPORTS, "search": "Biłgoraju"}) == (1, 1)  # the English report, still on this site
    assert found({**REPORTS, "search": "Biłgoraju", "site": "inna.example"}) == (1, 1)
    assert_counts_agree()


def test_words_that_look_like_the_documents_scope_find_nothing(client, corpus):
    for words in ["xp0001", "XP00010001", scope.type_token("projects.eventreportpage")]:
        assert client.get("/api/v2/pages/", {"search": words}).json()["meta"]["total_count"] == 0
