"""Bad translation data in the demo file: a clear error, and nothing is built or translated."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.demo.data import DEMO_DATA_PATH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('region = "Gniezno County"\n', "", "1 strings have no translation, e.g. “powiat gnieźnieński”"),
        ('items = ["advice", ', "items = [", "give one translation for each of the 5 items"),
        ("snrss-konin = { name", "nowhere = { name", "no office with the key 'nowhere'"),
        (
            'slug = "woes"\nofficial_title',
            'slug = "woes"\nevent_date = "x"\nofficial_title',
            "has no field 'event_date'",
        ),
        ("[translations.en.people]", "[translations.en.persons]", r"unknown sections \['persons'\]"),
        ('label = "If you would like', 'phone = "12"\nlabel = "If you would like', "strings the source does not have"),
    ],
)
def test_bad_translation_data_gives_a_clear_error_and_changes_nothing(tmp_path, old, new, message):
    text = DEMO_DATA_PATH.read_text(encoding="utf-8")
    assert old in text
    data = tmp_path / "demo.toml"
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    pages = Page.objects.count()

    with pytest.raises(CommandError, match=message) as error:
        call_command("load_demo", "--data", str(data), verbosity=0, stdout=StringIO())

    assert "Nothing was changed." in str(error.value)
    assert Page.objects.count() == pages
    assert not Translation.objects.exists()
