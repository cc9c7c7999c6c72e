"""Machine translation of everything missing or out of date in a locale, one object per transaction."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from requests import RequestException
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .status import TranslationState, translation_status_map
from .sync import apply_translation, is_complete, validation_messages


class MachineTranslationUnavailable(Exception):
    """No machine translator is configured, or it cannot translate between these languages."""


def machine_translator() -> BaseMachineTranslator | None:
    """The configured translator (WAGTAILLOCALIZE_MACHINE_TRANSLATOR), or None when there is none."""
    return get_machine_translator()


def source_objects() -> list[Page | TranslatableMixin]:
    """Every page and translatable snippet in the default locale: snippets first, pages parents first."""
    default = Locale.get_default()
    snippets = [
        obj
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
        for obj in model._default_manager.filter(locale=default).order_by("pk")
    ]
    pages = list(Page.objects.filter(locale=default, depth__gt=1).order_by("path").specific())
    return snippets + pages


def objects_to_translate(locale: Locale) -> list[Page | TranslatableMixin]:
    """Source objects whose translation into the locale is missing or out of date."""
    objects = source_objects()
    states = translation_status_map(objects)
    wanted = {TranslationState.MISSING, TranslationState.OUT_OF_DATE}
    return [obj for obj in objects if states.get((obj.translation_key, locale.language_code)) in wanted]


def machine_translate_strings(
    source: TranslationSource, locale: Locale, translator: BaseMachineTranslator, user=None
) -> int:
    """Fill in the source's strings that have no translation in the locale; returns how many were filled."""
    contexts_by_string: dict[StringValue, list[tuple[int, int]]] = defaultdict(list)
    translated = set(
        StringTranslation.objects.filter(context__object_id=source.object_id, locale=locale).values_list(
            "translation_of_id", "context_id"
        )
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if (segment.string_id, segment.context_id) not in translated:
            contexts_by_string[segment.string.as_value()].append((segment.string_id, segment.context_id))
    if not contexts_by_string:
        return 0
    results = translator.translate(source.locale, locale, list(contexts_by_string))
    created = 0
    for string, contexts in contexts_by_string.items():
        result = results.get(string)
        if result is None or result.data is None:
            continue
        for string_id, context_id in contexts:
            StringTranslation.objects.update_or_create(
                translation_of_id=string_id,
                locale=locale,
                context_id=context_id,
                defaults={
                    "data": result.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": str(translator.display_name),
                    "last_translated_by": user,
                    "has_error": False,
                    "field_error": "",
                },
            )
            created += 1
    return created


@dataclass
class TranslationRun:
    """What a bulk run did: translated objects, and those that failed with their reasons."""

    locale: Locale
    total: int = 0
    translated: list[str] = field(default_factory=list)
    failed: list[tuple[str, list[str]]] = field(default_factory=list)


def translate_object(
    instance: Page | TranslatableMixin,
    locale: Locale,
    translator: BaseMachineTranslator | None = None,
    user=None,
    *,
    publish_untranslated: bool = True,
) -> None:
    """Submit one object for translation into the locale (machine-translating its strings when a translator
    is given) in one transaction. Unlike TranslationCreator, a validation error is raised and undoes all of it.
    Strings left untranslated show the source text until a translator fills them in; with
    `publish_untranslated=False` a page with such strings stays a draft rather than go live in the wrong
    language."""
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if translator is not None:
            machine_translate_strings(source, locale, translator, user=user)
        publish = getattr(instance, "live", True) and (publish_untranslated or is_complete(translation))
        apply_translation(source, locale, user=user, publish=publish)


def translate_missing(
    locale: Locale,
    *,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> TranslationRun:
    """Machine-translate every object missing or out of date in the locale; running it again does nothing."""
    translator = machine_translator()
    if translator is None:
        raise MachineTranslationUnavailable(
            "No machine translator is configured: set DEEPL_API_KEY, or LIBRETRANSLATE_URL for a LibreTranslate server."
        )
    if locale == Locale.get_default():
        raise MachineTranslationUnavailable(f"{locale.language_code} is the source language: nothing to translate.")
    if not translator.can_translate(Locale.get_default(), locale):
        raise MachineTranslationUnavailable(f"{translator.display_name} cannot translate into {locale.language_code}.")
    objects = objects_to_translate(locale)
    run = TranslationRun(locale=locale, total=len(objects))
    for done, instance in enumerate(objects, start=1):
        label = str(instance)
        try:
            if not dry_run:
                translate_object(instance, locale, translator, user=user)
        except ValidationError as error:
            run.failed.append((label, validation_messages(error)))
        except (RequestException, KeyError, ValueError) as error:
            # The translation service failed for this object: report it and go on with the next.
            run.failed.append((label, [f"{translator.display_name}: {error}"]))
        else:
            run.translated.append(label)
        if progress is not None:
            progress(done, run.total, label)
    return run
