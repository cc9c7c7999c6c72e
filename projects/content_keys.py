"""Keys of content: which object a loaded row stands for, as read models record what they depend on.

A key is (label of the object's root model, primary key): every page type shares Page's label, an
inline row stands for the page that owns it, a rendition for its image. This module imports no
models of Kronika, so the API, the search and the read models share it.
"""

from functools import cache

from django.apps import apps
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

Key = tuple[str, int]


def root_model(model: type[models.Model]) -> type[models.Model]:
    """The model whose primary keys identify the object: Page for every page type."""
    model = model._meta.concrete_model
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def model_key(model: type[models.Model], pk: object) -> Key:
    return (root_model(model)._meta.label_lower, int(pk))


def page_key(page_id: int) -> Key:
    return model_key(Page, page_id)


def image_key(image_id: int) -> Key:
    return model_key(get_image_model(), image_id)


def document_key(document_id: int) -> Key:
    return model_key(get_document_model(), document_id)


def parental_keys(model: type[models.Model]) -> list[ParentalKey]:
    return [field for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]


def keys_of(instance: models.Model) -> set[Key]:
    """What a loaded object stands for: a rendition for its image, an inline row for its page."""
    if isinstance(instance, AbstractRendition):
        return {image_key(instance.image_id)} if instance.image_id else set()
    owners = {
        model_key(field.related_model, getattr(instance, field.attname))
        for field in parental_keys(type(instance))
        if getattr(instance, field.attname) is not None
    }
    if owners:
        return owners
    return {model_key(type(instance), instance.pk)} if instance.pk is not None else set()


@cache
def _inline_references() -> list[tuple[type[models.Model], str, models.ForeignKey]]:
    """(inline model, attname of its page key, a foreign key of the row to something else) for every inline model."""
    found = []
    for model in apps.get_models():
        for parental in parental_keys(model):
            for field in model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey) and not isinstance(field, ParentalKey):
                    found.append((model, parental.attname, field))
    return found


def owners_of_rows_choosing(instance: models.Model) -> set[Key]:
    """Pages with an inline row that chooses this object, whether the API showed it or filtered it out.

    An inline row whose person is not public is left out of the query that builds a snapshot, so the
    snapshot never recorded that person; making them public again must still reach the page.
    """
    root = root_model(type(instance))
    keys = set()
    for model, owner_attname, field in _inline_references():
        if root_model(field.related_model) is root:
            rows = model._default_manager.filter(**{field.attname: instance.pk}).values_list(owner_attname, flat=True)
            keys |= {model_key(_parental_model(model, owner_attname), owner) for owner in rows}
    return keys


def _parental_model(model: type[models.Model], attname: str) -> type[models.Model]:
    return next(field.related_model for field in parental_keys(model) if field.attname == attname)
