"""Organisations, people and offices through the real snippet admin: forms, messages, search and filters."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Office, Organisation, Person

from .admin_forms import form_errors
from .factories import OfficeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def snippet_url(model: type, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_projects_{model._meta.model_name}:{action}", args=args)


def person_data(**overrides) -> dict:
    data = {
        "name": "Anna Giżycka",
        "role": "Animatorka",
        "department": "Dział animacji i partnerstw lokalnych",
        "organisation": "",
        "email": "anna.gizycka@example.org",
        "phone": "512-212-242",
        "office_hours": "8.00 – 16.00",
        "is_public": "on",
        "show_email": "on",
        "show_phone": "on",
        "internal_notes": "",
    }
    data.update(overrides)
    return data


def office_data(organisation: Organisation, **overrides) -> dict:
    data = {
        "organisation": str(organisation.pk),
        "name": "Konin",
        "street_address": "ul. Wrzosowa 7",
        "postal_code": "62-510",
        "city": "Konin",
        "phone": "tel. 63 245 58 29",
        "email": "biuro@spoldzielnie.org",
        "office_hours": "pon.-pt. 8:30-16:30",
    }
    data.update(overrides)
    return data


def test_create_and_edit_an_organisation(admin_client):
    parent = OrganisationFactory(name="Stowarzyszenie Na Rzecz Spółdzielni Socjalnych", acronym="SNRSS")
    data = {
        "name": "Wielkopolski Ośrodek Ekonomii Społecznej",
        "acronym": "WOES",
        "kind": "social_economy",
        "city": "Poznań",
        "website": "https://example.org/woes",
        "parent": str(parent.pk),
    }

    created = admin_client.post(snippet_url(Organisation, "add"), data)
    woes = Organisation.objects.get(acronym="WOES")
    edited = admin_client.post(snippet_url(Organisation, "edit", woes.pk), {**data, "city": "Konin"})

    assert created.status_code == edited.status_code == 302
    woes.refresh_from_db()
    assert (woes.parent, woes.city, woes.kind) == (parent, "Konin", "social_economy")


def test_create_and_edit_a_person_stores_phone_and_hours_structured(admin_client):
    created = admin_client.post(snippet_url(Person, "add"), person_data())
    person = Person.objects.get(name="Anna Giżycka")
    edited = admin_client.post(
        snippet_url(Person, "edit", person.pk), person_data(phone="61 887-11-66", office_hours="8:30-16:30")
    )

    assert created.status_code == edited.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.phone_e164) == ("61 887-11-66", "+48618871166")
    assert person.office_hours_ranges == [{"days": [], "opens": "08:30", "closes": "16:30"}]


def test_create_and_edit_an_office(admin_client):
    organisation = OrganisationFactory(acronym="SNRSS")

    created = admin_client.post(snippet_url(Office, "add"), office_data(organisation))
    office = Office.objects.get(name="Konin")
    edited = admin_client.post(snippet_url(Office, "edit", office.pk), office_data(organisation, postal_code="62-500"))

    assert created.status_code == edited.status_code == 302
    office.refresh_from_db()
    assert (office.phone, office.phone_e164, office.postal_code) == ("tel. 63 245 58 29", "+48632455829", "62-500")
    assert office.office_hours_ranges == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "08:30", "closes": "16:30"}
    ]


@pytest.mark.parametrize(
    ("model", "overrides", "field", "message"),
    [
        (Person, {"email": "anna.gizycka(at)gmail"}, "email", "Enter a valid email address."),
        (Person, {"phone": "zadzwoń do biura"}, "phone", "“zadzwoń do biura” is not a phone number."),
        (Person, {"phone": "501 144"}, "phone", "“501 144” is not a valid phone number"),
        (Person, {"office_hours": "rano"}, "office_hours", "Could not read the office hours “rano”."),
        (Person, {"office_hours": "16:00-8:00"}, "office_hours", "the closing time is not after the opening time"),
        (Person, {"office_hours": "8:00-25:00"}, "office_hours", "Could not read the office hours"),
        (Person, {"name": ""}, "name", "This field is required."),
        (Office, {"email": "biuro@"}, "email", "Enter a valid email address."),
        (Office, {"phone": "tel. 63"}, "phone", "is not a valid phone number"),
        (Office, {"office_hours": "pt.-pon. 8-16"}, "office_hours", "Could not read the office hours"),
        (Office, {"street_address": ""}, "street_address", "This field is required."),
    ],
)
def test_bad_contact_details_are_refused_and_change_nothing(admin_client, model, overrides, field, message):
    organisation = OrganisationFactory()
    data = person_data(**overrides) if model is Person else office_data(organisation, **overrides)
    before = model.objects.count()

    response = admin_client.post(snippet_url(model, "add"), data)

    assert response.status_code == 200
    errors = form_errors(response.context["form"])
    assert any(message in text for text in errors.get(field, [])), errors
    assert model.objects.count() == before


def test_a_bad_edit_changes_nothing(admin_client):
    person = PersonFactory(email="stary@example.org")

    response = admin_client.post(snippet_url(Person, "edit", person.pk), person_data(email="nie-e-mail"))

    assert response.status_code == 200
    assert "could not be saved due to errors" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "stary@example.org"


def test_an_organisation_cannot_be_part_of_itself(admin_client):
    woes = OrganisationFactory(name="WOES")
    unit = OrganisationFactory(name="Dział animacji", parent=woes)

    response = admin_client.post(
        snippet_url(Organisation, "edit", woes.pk), {"name": "WOES", "kind": "other", "parent": str(unit.pk)}
    )

    assert form_errors(response.context["form"])["parent"] == ["An organisation cannot be part of itself."]
    woes.refresh_from_db()
    assert woes.parent is None


def listing_names(response) -> list[str]:
    return sorted(obj.name for obj in response.context["object_list"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "WOES"}, ["Wielkopolski Ośrodek Ekonomii Społecznej"]),
        ({"q": "Gniezno"}, ["Miejski Ośrodek Pomocy Społecznej"]),
        ({"kind": "social_welfare"}, ["Miejski Ośrodek Pomocy Społecznej"]),
        ({"city": "pozn"}, ["Wielkopolski Ośrodek Ekonomii Społecznej"]),
        ({"kind": "foundation", "city": "Biłgoraj"}, ["Fundacja Bliżej Pasji"]),
        ({"kind": "church"}, []),
    ],
)
def test_organisation_listing_search_and_filters(admin_client, params, expected):
    OrganisationFactory(name="Wielkopolski Ośrodek Ekonomii Społecznej", acronym="WOES", city="Poznań")
    OrganisationFactory(name="Miejski Ośrodek Pomocy Społecznej", acronym="MOPS", city="Gniezno", kind="social_welfare")
    OrganisationFactory(name="Fundacja Bliżej Pasji", city="Biłgoraj", kind="foundation")

    response = admin_client.get(snippet_url(Organisation, "list"), params)

    assert response.status_code == 200
    assert listing_names(response) == expected


def test_person_listing_search_and_filters(admin_client):
    woes = OrganisationFactory(name="WOES")
    PersonFactory(name="Anna Giżycka", organisation=woes)
    PersonFactory(name="Jarosław Wypyszyński", organisation=woes, is_public=False)
    PersonFactory(name="Monika Dominik", role="Koordynatorka projektu")

    searched = admin_client.get(snippet_url(Person, "list"), {"q": "Giżycka"})
    by_organisation = admin_client.get(snippet_url(Person, "list"), {"organisation": woes.pk})
    hidden = admin_client.get(snippet_url(Person, "list"), {"organisation": woes.pk, "is_public": "false"})

    assert listing_names(searched) == ["Anna Giżycka"]
    assert listing_names(by_organisation) == ["Anna Giżycka", "Jarosław Wypyszyński"]
    assert listing_names(hidden) == ["Jarosław Wypyszyński"]


def test_office_listing_search_and_filters(admin_client):
    snrss = OrganisationFactory(name="SNRSS")
    OfficeFactory(organisation=snrss, name="Konin", city="Konin", street_address="ul. Wrzosowa 7")
    OfficeFactory(organisation=snrss, name="Poznań", city="Poznań", street_address="ul. Górecka 115")
    OfficeFactory(name="Biłgoraj", city="Biłgoraj", street_address="ul. Kościuszki 1")

    searched = admin_client.get(snippet_url(Office, "list"), {"q": "Wrzosowa"})
    by_organisation = admin_client.get(snippet_url(Office, "list"), {"organisation": snrss.pk})
    by_city = admin_client.get(snippet_url(Office, "list"), {"city": "pozna"})
    bad_filter = admin_client.get(snippet_url(Office, "list"), {"organisation": "not-a-number"})

    assert listing_names(searched) == ["Konin"]
    assert listing_names(by_organisation) == ["Konin", "Poznań"]
    assert listing_names(by_city) == ["Poznań"]
    assert bad_filter.status_code == 200


@pytest.mark.parametrize("model", [Organisation, Person, Office])
def test_snippet_choosers_search(admin_client, model):
    factory = {Organisation: OrganisationFactory, Person: PersonFactory, Office: OfficeFactory}[model]
    factory(name="Konin")
    factory(name="Gniezno")

    response = admin_client.get(
        reverse(f"wagtailsnippetchoosers_projects_{model._meta.model_name}:choose_results"), {"q": "Kon"}
    )

    assert response.status_code == 200
    assert "Konin" in response.content.decode() and "Gniezno" not in response.content.decode()


@pytest.mark.parametrize("model", [Organisation, Person, Office])
def test_snippet_listings_show_each_copys_language_and_filter_by_it(admin_client, english, model):
    factory = {Organisation: OrganisationFactory, Person: PersonFactory, Office: OfficeFactory}[model]
    polish = factory(name="Biuro Konin")
    polish.copy_for_translation(english).save()

    everything = admin_client.get(snippet_url(model, "list"))
    in_english = admin_client.get(snippet_url(model, "list"), {"locale": "en"})

    with translation.override("en"):
        assert "Language" in [str(column.label) for column in everything.context["table"].columns.values()]
    assert [obj.locale.language_code for obj in in_english.context["object_list"]] == ["en"]


def test_the_people_listing_shows_public_or_not_as_a_label_not_a_raw_boolean(admin_client):
    PersonFactory(name="Anna Giżycka", is_public=True)
    PersonFactory(name="Jarosław Wypyszyński", is_public=False)

    html = admin_client.get(snippet_url(Person, "list")).content.decode()

    cells = re.findall(r"icon-(?:check|cross)[^<]*</use></svg>\s*([^<]+?)\s*</td>", html)
    assert sorted(cells) == ["Not public", "Public"]
    assert "True" not in html and "False" not in html
