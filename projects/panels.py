"""Admin panels of our own."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


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
