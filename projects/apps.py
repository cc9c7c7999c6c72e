from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = _("Kronika projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers
        from .api import folding
        from .api import signal_handlers as api_signal_handlers
        from .api.throttling import check_rate_limit_setting

        signal_handlers.connect()
        folding.connect()
        api_signal_handlers.connect()
        checks.register(check_rate_limit_setting)
