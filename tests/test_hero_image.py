"""The main photo's alt text, caption and credit: written on the page, translated with it, given to partners."""

import pytest
import wagtail_factories
from django.urls import reverse

from .factories import EventReportPageFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(site_tree):
    photo = wagtail_factories.ImageFactory(title="IMG_2041 sala", description="Sala sesyjna pełna ludzi")
    project = ProjectPageFactory(parent=site_tree.projects, slug="sieciowanie")
    return EventReportPageFactory(
        parent=project,
        slug="sesja",
        hero_image=photo,
        hero_image_alt="Uczestnicy przy okrągłym stole",
        hero_image_caption="Sesja dialogowa",
        hero_image_credit="fot. Jan Kowalski",
    )


def hero(client, page) -> dict:
    return client.get(f"/api/v2/pages/{page.pk}/").json()["hero_image"]


def test_partners_get_the_alt_text_caption_and_credit_the_page_gives_its_photo(client, report):
    assert {key: hero(client, report)[key] for key in ("alt", "caption", "credit")} == {
        "alt": "Uczestnicy przy okrągłym stole",
        "caption": "Sesja dialogowa",
        "credit": "fot. Jan Kowalski",
    }


def test_the_english_page_describes_its_photo_in_english(client, report, english):
    translate_everything(report.get_parent(), english)
    translate_everything(report, english)
    translated = report.get_translation(english)

    assert {key: hero(client, translated)[key] for key in ("alt", "caption", "credit")} == {
        "alt": "EN Uczestnicy przy okrągłym stole",
        "caption": "EN Sesja dialogowa",
        "credit": "EN fot. Jan Kowalski",
    }
    html = client.get(translated.url).content.decode()
    assert 'alt="EN Uczestnicy przy okrągłym stole"' in html
    assert "<figcaption>EN Sesja dialogowa <small>EN fot. Jan Kowalski</small></figcaption>" in html


def test_without_alt_text_only_the_source_language_page_falls_back_on_the_images_description(client, report, english):
    report.hero_image_alt = ""
    report.save_revision().publish()
    translate_everything(report.get_parent(), english)
    translate_everything(report, english)
    translated = report.get_translation(english)

    assert hero(client, report)["alt"] == "Sala sesyjna pełna ludzi"
    assert hero(client, translated)["alt"] == ""
    html = client.get(translated.url).content.decode()
    assert "IMG_2041 sala" not in html and "Sala sesyjna pełna ludzi" not in html


def test_the_editor_offers_alt_text_caption_and_credit_beside_the_photo_chooser(admin_client, report):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    chooser, alt, caption, credit = (
        html.index(f'id="id_{name}"')
        for name in ("hero_image", "hero_image_alt", "hero_image_caption", "hero_image_credit")
    )
    assert chooser < alt < caption < credit
