from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = _("Kronika projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .localization import signal_handlers

        post_migrate.connect(signal_handlers.create_configured_locales, sender=self)
        signal_handlers.connect()
