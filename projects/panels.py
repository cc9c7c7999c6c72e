"""Admin panels of our own."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, ObjectList, Panel


class EditorWarningsPanel(Panel):
    """Shows, at the top of the editor, what the page lacks or what was assumed about it."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("heading", _("Check before publishing"))
        super().__init__(**kwargs)

    @property
    def clean_name(self) -> str:
        return super().clean_name or "editor_warnings"

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/panels/editor_warnings.html"

        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self.warnings = self.instance.editor_warnings() if self.instance.pk else []

        def is_shown(self) -> bool:
            return bool(self.warnings)

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["warnings"] = self.warnings
            return context


class Tab(ObjectList):
    """A tab of the editor whose anchor (#tab-event) is the same in every admin language.

    Wagtail derives the anchor from the heading, so a Polish editor's link to "#tab-wydarzenie" would not
    open the tab for an English one, and an anchor made in one language showed in the other.
    """

    def __init__(self, *args, name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.name = name

    def clone_kwargs(self) -> dict:
        return {**super().clone_kwargs(), "name": self.name}

    @property
    def clean_name(self) -> str:
        return self.name


class RowsPanel(InlinePanel):
    """An inline panel whose "Add" button is a whole message, so Polish can decline it ("Dodaj organizatora")."""

    def __init__(self, *args, add_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self) -> dict:
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "projects/panels/rows_panel.html"
