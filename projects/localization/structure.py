"""Each locale's home page and the index pages below it, made as translations of the source site."""

from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page, Site

from .machine import translate_object
from .roles import setup_language_translator_group
from .sync import validation_messages


def site_structure_pages() -> list[Page]:
    """Every site's home page in the default locale, then the pages directly below it."""
    default = Locale.get_default()
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page_id"))
    homes = list(Page.objects.filter(translation_key__in=roots.values("translation_key"), locale=default))
    children = [child for home in homes for child in home.get_children().order_by("path")]
    return [page.specific for page in homes + children]


def translate_site_structure(locales: list[Locale], user=None) -> list[tuple[str, list[str]]]:
    """Create the missing translations of home and index pages; returns the pages that failed validation.

    A page whose title and texts nobody has translated yet is created as a draft: it holds the place of the
    pages translated below it, and goes live when a translator publishes it, never with Polish text.
    """
    failures = []
    for locale in locales:
        for page in site_structure_pages():
            if page.has_translation(locale):
                continue
            try:
                translate_object(page, locale, user=user, publish_untranslated=False)
            except ValidationError as error:
                failures.append((f"{page} ({locale.language_code})", validation_messages(error)))
        # Its translators may now edit below the language's home page, published or still a draft.
        setup_language_translator_group(locale)
    return failures
