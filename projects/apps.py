from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = _("Kronika projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers
        from .api import folding
        from .localization import signal_handlers as localization_signal_handlers

        signal_handlers.connect()
        folding.connect()
        post_migrate.connect(localization_signal_handlers.create_configured_locales, sender=self)
        localization_signal_handlers.connect()
