"""Keeps locales and translations in step with the settings and with the content."""

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail.snippets.models import get_snippet_models

from .locales import ensure_locales
from .roles import locale_home_pages, setup_language_translator_group
from .sync import sync_translations_of


def create_configured_locales(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    ensure_locales()


def sync_translations_of_published_page(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    sync_translations_of(instance.specific, user=getattr(kwargs.get("revision"), "user", None))


def create_translator_group(sender: type[Locale], instance: Locale, created: bool, raw: bool = False, **kwargs) -> None:
    """Each target language gets its translator group when its locale is made (see roles)."""
    if created and not raw and instance.language_code != Locale.get_default().language_code:
        setup_language_translator_group(instance)


def let_translators_edit_a_new_home_page(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """A language's home page, once published, joins what that language's translator group may edit."""
    # Home pages sit right below the tree's root: deeper pages cost no query here.
    if instance.depth != 2 or instance.locale_id == Locale.get_default().pk:
        return
    if instance in locale_home_pages(instance.locale):
        setup_language_translator_group(instance.locale)


def sync_translations_of_saved_snippet(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, TranslatableMixin) or sender not in get_snippet_models():
        return
    sync_translations_of(instance)


def connect() -> None:
    page_published.connect(sync_translations_of_published_page, dispatch_uid="kronika_sync_published_page")
    page_published.connect(let_translators_edit_a_new_home_page, dispatch_uid="kronika_translators_home_page")
    post_save.connect(create_translator_group, sender=Locale, dispatch_uid="kronika_translator_group")
    post_save.connect(sync_translations_of_saved_snippet, dispatch_uid="kronika_sync_saved_snippet")
