from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .checks import INSTALLATION_CHECKS, check_required_settings, ensure_apps_for_models


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = _("Kronika projects")
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self) -> None:
        ensure_apps_for_models()
        super().import_models()

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads after this class.
        from . import cache_outage, signal_handlers
        from .admin_choosers import translate_chooser_labels_per_request
        from .admin_dates import use_kronika_dates_in_the_admin
        from .api import folding, read_model_listeners
        from .api.throttling import check_rate_limit_setting
        from .localization import signal_handlers as localization_signal_handlers
        from .read_models import receivers as read_model_receivers
        from .read_models.translation_states import store_states_after_migrate
        from .search import signal_handlers as search_signal_handlers
        from .webhooks import events as webhook_events

        use_kronika_dates_in_the_admin()
        translate_chooser_labels_per_request()
        signal_handlers.connect()
        cache_outage.connect()
        folding.connect()
        read_model_receivers.connect()
        read_model_listeners.connect()
        search_signal_handlers.connect()
        webhook_events.connect()
        checks.register(check_rate_limit_setting)
        checks.register(check_required_settings)
        for check, tags in INSTALLATION_CHECKS:
            checks.register(check, *tags)
        post_migrate.connect(localization_signal_handlers.create_configured_locales, sender=self)
        # After the locales exist: the configured languages, or the default one, may have changed.
        post_migrate.connect(store_states_after_migrate, sender=self)
        localization_signal_handlers.connect()
