"""Keeps locales and translations in step with the settings and with the content."""

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail.snippets.models import get_snippet_models

from .locales import ensure_locales
from .sync import sync_translations_of


def create_configured_locales(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    ensure_locales()


def sync_translations_of_published_page(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    sync_translations_of(instance.specific, user=getattr(kwargs.get("revision"), "user", None))


def sync_translations_of_saved_snippet(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, TranslatableMixin) or sender not in get_snippet_models():
        return
    sync_translations_of(instance)


def connect() -> None:
    page_published.connect(sync_translations_of_published_page, dispatch_uid="kronika_sync_published_page")
    post_save.connect(sync_translations_of_saved_snippet, dispatch_uid="kronika_sync_saved_snippet")
