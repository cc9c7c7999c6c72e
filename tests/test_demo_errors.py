"""The loader on a fresh database: bad input gets a clear error and leaves nothing behind."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.demo.data import DEMO_DATA_PATH
from projects.models import Organisation

from .factories import HomePageFactory

pytestmark = pytest.mark.django_db


def load_demo(*args: str) -> None:
    call_command("load_demo", *args, verbosity=0, stdout=StringIO())


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('phone = "518 359 273"', 'phone = "12"', "is not a valid phone number"),
        ('email = "anna.gizycka@spoldzielnie.org"', 'email = "anna.gizycka"', "email"),
        ('"anna-gizycka", "jaroslaw', '"nobody", "jaroslaw', "no person with the key 'nobody'"),
        ("event_date = 2016-02-26", 'event_date = "26 lutego"', "event_date"),
        ('type = "list"', 'type = "table"', "unknown block type 'table'"),
        ('kind = "foundation"', 'kind = "foundation"\nmotto = "x"', "Organisation has no field 'motto'"),
        ('office_hours = "8:30-16:30"', 'office_hours = "16:30-8:30"', "closing time is not after"),
        ('phone = "501 144 678"', 'phone = "12"', r"contacts\[0\]\.phone: “12” is not a valid phone number"),
    ],
)
def test_bad_data_gives_a_clear_error_and_changes_nothing(tmp_path, old, new, message):
    data = tmp_path / "demo.toml"
    text = DEMO_DATA_PATH.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    pages_before = list(Page.objects.values_list("pk", "content_type"))

    with pytest.raises(CommandError, match=message):
        load_demo("--data", str(data))

    assert list(Page.objects.values_list("pk", "content_type")) == pages_before
    assert not Organisation.objects.exists()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "does not exist"), (b"locale = = 'pl'", "is not valid TOML"), (b"\xff\xfe", "cannot be read")],
)
def test_an_unreadable_data_file_is_a_clear_error(tmp_path, content, message):
    data = tmp_path / "demo.toml"
    if content is not None:
        data.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        load_demo("--data", str(data))


def test_it_will_not_replace_a_site_root_that_holds_content():
    site = Site.objects.get(is_default_site=True)
    site.root_page = HomePageFactory(parent=Page.get_first_root_node(), slug="nasza-strona")
    site.save()

    with pytest.raises(CommandError, match="will not replace it"):
        load_demo()

    assert Site.objects.get(is_default_site=True).root_page_id == site.root_page_id
    assert not Organisation.objects.exists()


def test_a_page_of_another_type_in_the_way_is_a_clear_error(site_tree):
    site_tree.programs.slug = "programy-archiwum"
    site_tree.programs.save()
    site_tree.reports.slug = "programy"
    site_tree.reports.save()

    with pytest.raises(CommandError, match=r"already has the page “Relacje” \(event report index\) with the slug"):
        load_demo()

    assert not Organisation.objects.exists()
