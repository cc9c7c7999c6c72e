"""Bringing translations in step with their source after it changes (wagtail-localize's “sync translated pages”)."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug, string_to_ascii
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

logger = logging.getLogger(__name__)


@dataclass
class SyncFailure:
    """A translation that could not be saved, and why (wagtail-localize would have swallowed this)."""

    translation: Translation
    errors: list[str]

    def __str__(self) -> str:
        return f"{self.translation.source.object_repr} ({self.translation.target_locale}): {'; '.join(self.errors)}"


def validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def apply_translation(source: TranslationSource, locale, user=None, publish: bool = True):
    """Save the translation of a source into a locale, publishing it now rather than on commit.

    wagtail-localize publishes pages in transaction.on_commit with the page as it was then: inside a
    larger transaction (a command, a signal during a publish, a test) that stale copy would later
    overwrite newer changes, such as a parent's count of children or a newer revision.
    """
    draftable = issubclass(source.specific_content_type.model_class(), DraftStateMixin)
    translation, _created = source.create_or_update_translation(
        locale,
        user=user,
        publish=not draftable,
        copy_parent_pages=True,
        fallback=True,
    )
    if draftable and publish:
        translation.get_latest_revision().publish(user=user)
    return translation


def is_complete(translation: Translation) -> bool:
    total, translated = translation.get_progress()
    return total == translated


def save_draft(translation: Translation, user=None) -> None:
    # wagtail-localize's own “draft” still writes the live page row; a revision alone leaves readers' page as it was.
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    draft.slug = find_available_slug(draft.get_parent(), slugify(string_to_ascii(draft.slug)), ignore_page_id=draft.pk)
    draft.full_clean()
    draft.save_revision(user=user)


def sync_translations_of(instance: Page | TranslatableMixin, user=None) -> list[SyncFailure]:
    """Re-extract a source that changed and bring its existing translations in step.

    A translation whose strings are all translated is saved and, if it was live, published again, so
    new synchronised values (dates, phones, images…) reach readers at once. A page translation with
    strings still untranslated gets a draft revision instead, so readers never see a page in two
    languages; the status says “out of date” until a translator finishes and publishes it. Snippets
    have no drafts: they are saved with the source text standing in for the missing strings.
    """
    source = TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()
    if source is None:
        return []
    source.update_from_db()
    failures = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale", "source"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        try:
            with transaction.atomic():
                if isinstance(target, Page) and not is_complete(translation):
                    save_draft(translation, user=user)
                else:
                    apply_translation(
                        source, translation.target_locale, user=user, publish=getattr(target, "live", True)
                    )
        except ValidationError as error:
            failure = SyncFailure(translation, validation_messages(error))
            logger.warning("Translation not synced: %s", failure)
            failures.append(failure)
    return failures
