"""Keeps the search documents in step with content: built from what is public, inside the writer's transaction."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, TranslatableMixin

from ..models import Office, Organisation, Person, SearchDocument
from ..progress import progress
from ..visibility import media_is_public, person_is_public
from .analysis import analyse, language_of
from .documents import document_text
from .scope import page_scope

SNIPPET_MODELS: tuple[type[models.Model], ...] = (Organisation, Person, Office)
BATCH_SIZE = 500


def searchable_models() -> tuple[type[models.Model], ...]:
    """The models with documents besides pages: Kronika's snippets, images and documents."""
    return (*SNIPPET_MODELS, get_image_model(), get_document_model())


def root_model(model: type[models.Model]) -> type[models.Model]:
    """Page for every page type: documents of pages are keyed by the page id."""
    return Page if issubclass(model, Page) else model


def content_type_of(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(root_model(model), for_concrete_model=False)


def _languages() -> dict[int | None, str]:
    """The analyser language of each locale id; None for objects without a locale (the default language)."""
    languages: dict[int | None, str] = {
        pk: language_of(code) for pk, code in Locale.objects.values_list("pk", "language_code")
    }
    languages[None] = language_of(Locale.get_default().language_code)
    return languages


def _language(obj: models.Model, languages: dict[int | None, str]) -> str:
    locale_id = obj.locale_id if isinstance(obj, TranslatableMixin) else None
    return languages.get(locale_id, languages[None])


def is_public(obj: models.Model) -> bool:
    """May the public find it? Pages live and unrestricted; people and media as projects.visibility rules."""
    if isinstance(obj, Page):
        return Page.objects.filter(pk=obj.pk).live().public().exists()
    if isinstance(obj, Person):
        return person_is_public(obj)
    if isinstance(obj, get_image_model() | get_document_model()):
        return media_is_public(obj)
    return True


def build_document(obj: models.Model, languages: dict[int | None, str]) -> SearchDocument:
    """An unsaved document of a public object."""
    text = document_text(obj)
    language = _language(obj, languages)
    parts = {name: analyse("\n".join(getattr(text, name)), language) for name in ("title", "summary", "body")}
    return SearchDocument(
        content_type=content_type_of(type(obj)),
        object_id=obj.pk,
        language=language,
        title_words=parts["title"].words,
        title_stems=parts["title"].stems,
        summary_words=parts["summary"].words,
        summary_stems=parts["summary"].stems,
        body_words=parts["body"].words,
        body_stems=parts["body"].stems,
        text="\n".join([*text.title, *text.summary, *text.body]),
        scope=page_scope(obj) if isinstance(obj, Page) else "",
    )


def forget(model: type[models.Model], ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(content_type=content_type_of(model), object_id__in=list(ids)).delete()


def refresh_pages(page_ids: Iterable[int]) -> None:
    """Rebuild the documents of these pages from their live content, or drop them when not public (any more).

    The batch builder: BATCH_SIZE pages at a time, each batch read with one query per page type and written
    with one delete and bulk inserts (pages made in bulk, a moved section, everything a save touched).
    """
    ids = sorted(set(page_ids))
    if not ids:
        return
    with transaction.atomic():
        languages = _languages()
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            public = Page.objects.filter(pk__in=batch).live().public().specific()
            documents = [build_document(page, languages) for page in public]
            forget(Page, batch)
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)


def refresh_objects(model: type[models.Model], ids: Iterable[int]) -> None:
    """Rebuild the documents of these snippets, images or documents, or drop those not public."""
    ids = list(set(ids))
    if not ids:
        return
    with transaction.atomic():
        objects = [obj for obj in model._default_manager.filter(pk__in=ids) if is_public(obj)]
        forget(model, ids)
        languages = _languages()
        SearchDocument.objects.bulk_create([build_document(obj, languages) for obj in objects], batch_size=BATCH_SIZE)


def refresh(obj: models.Model) -> None:
    if isinstance(obj, Page):
        refresh_pages([obj.pk])
    else:
        refresh_objects(type(obj), [obj.pk])


def rebuild_all(progress_stream=None) -> int:
    """Every document again, from scratch (``manage.py rebuild_search_documents``, benchmarks); returns the count.

    With ``progress_stream``, draws a progress bar of the pages' batches on it.
    """
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        languages = _languages()
        count = 0
        page_ids = list(Page.objects.live().public().values_list("pk", flat=True))
        batches = range(0, len(page_ids), BATCH_SIZE)
        for start in progress(batches, "search documents (batches of pages)", stream=progress_stream):
            batch = page_ids[start : start + BATCH_SIZE]
            documents = [build_document(page, languages) for page in Page.objects.filter(pk__in=batch).specific()]
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
            count += len(documents)
        for model in searchable_models():
            documents = [build_document(obj, languages) for obj in model._default_manager.all() if is_public(obj)]
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
            count += len(documents)
    return count
