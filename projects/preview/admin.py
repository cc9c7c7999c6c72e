"""Preview targets under Settings: a name and a URL template per site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import PreviewTarget


class PreviewTargetViewSet(ModelViewSet):
    model = PreviewTarget
    name = "kronika_preview_targets"
    icon = "view"
    menu_label = _("Preview targets")
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["site", "name", "url_template"]
    list_display = ["name", "url_template", "site"]
