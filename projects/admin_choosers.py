"""Chooser texts that are grammatical Polish and follow each editor's language.

Wagtail builds "Choose %(object)s", "Add %(model_name)s" and its chooser labels once per process, in the
language of whichever request (or start-up) came first, and puts the model's name in the nominative:
English editors saw "Wybierz osoba", Polish ones "Wybierz organizacja" and "Dodaj osoba". Here each text is
a whole message of its own (so Polish can decline the noun), kept lazy so it is translated at render time.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


@dataclass(frozen=True)
class ChooserTexts:
    """What the admin says about one kind of snippet, each a whole sentence for translators."""

    choose: Promise
    choose_another: Promise
    edit: Promise
    add: Promise


TEXTS = {
    "projects.organisation": ChooserTexts(
        choose=_("Choose an organisation"),
        choose_another=_("Choose another organisation"),
        edit=_("Edit this organisation"),
        add=_("Add an organisation"),
    ),
    "projects.person": ChooserTexts(
        choose=_("Choose a person"),
        choose_another=_("Choose another person"),
        edit=_("Edit this person"),
        add=_("Add a person"),
    ),
    "projects.office": ChooserTexts(
        choose=_("Choose an office"),
        choose_another=_("Choose another office"),
        edit=_("Edit this office"),
        add=_("Add an office"),
    ),
}
SEARCH = _("Search")


def texts_for(model: type[models.Model]) -> ChooserTexts:
    return TEXTS[model._meta.label_lower]


class KronikaSnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser widget with the model's own texts, translated when rendered."""

    def __init__(self, model: type[models.Model] | None = None, **kwargs) -> None:
        super().__init__(model, **kwargs)
        texts = texts_for(self.model)
        self.choose_one_text = texts.choose
        self.choose_another_text = texts.choose_another
        self.link_to_chosen_text = texts.edit


class KronikaSnippetChooserViewSet(SnippetChooserViewSet):
    """The chooser modal of a Kronika snippet: its title, tabs and widget in the editor's language."""

    base_widget_class = KronikaSnippetChooser
    search_tab_label = SEARCH

    def __init__(self, *args, model: type[models.Model], **kwargs) -> None:
        texts = texts_for(model)
        self.choose_one_text = self.page_title = texts.choose
        self.choose_another_text = texts.choose_another
        self.edit_item_text = texts.edit
        super().__init__(*args, model=model, **kwargs)


class KronikaSnippetChooserBlock(SnippetChooserBlock):
    """A StreamField chooser of a Kronika snippet, with the same texts as its form field."""

    @cached_property
    def widget(self) -> KronikaSnippetChooser:
        super().widget  # noqa: B018 - picks up the snippet's icon, as Wagtail's block does
        return KronikaSnippetChooser(self.target_model, icon=self.meta.icon)


def translate_chooser_labels_per_request() -> None:
    """Make the labels every Wagtail chooser inherits lazy, as the rest of Wagtail's are.

    wagtail.admin.viewsets.chooser reads them with gettext when it is imported, so every chooser's
    "Search" tab (images' and documents' too) stayed in the start-up language ("Szukaj" in English).
    """
    ChooserViewSet.search_tab_label = SEARCH
    ChooserViewSet.choose_one_text = _("Choose")
    ChooserViewSet.choose_another_text = _("Choose another")
    ChooserViewSet.edit_item_text = _("Edit")
