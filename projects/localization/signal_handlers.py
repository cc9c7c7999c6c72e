"""Keeps locales, translations and stored translation states in step with the settings and with the content."""

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_save
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail.snippets.models import get_snippet_models

from ..models import StoredTranslationState
from . import stored_states
from .locales import ensure_locales
from .sync import sync_translations_of


def create_configured_locales(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    ensure_locales()
    # The configured languages, or the default one, may have changed with the settings. (A migrate to an
    # earlier state may have left no table to store them in.)
    if StoredTranslationState._meta.db_table in connections[using].introspection.table_names():
        stored_states.store_all_states()


def sync_translations_of_published_page(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    sync_translations_of(instance.specific, user=getattr(kwargs.get("revision"), "user", None))


def sync_translations_of_saved_snippet(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, TranslatableMixin) or sender not in get_snippet_models():
        return
    sync_translations_of(instance)


def connect() -> None:
    page_published.connect(sync_translations_of_published_page, dispatch_uid="kronika_sync_published_page")
    post_save.connect(sync_translations_of_saved_snippet, dispatch_uid="kronika_sync_saved_snippet")
    stored_states.connect()
