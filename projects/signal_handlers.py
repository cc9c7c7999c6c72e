"""Signal handlers: responsive renditions are made when images are saved and pages published, and recorded."""

from django.db.models.signals import post_save
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published

from .preloading import chosen_object_ids
from .read_models import Change, Kind, record
from .renditions import renditions_created, schedule_responsive_renditions


def image_ids_of_page(page: Page) -> set[int]:
    """The images a page shows: its image fields and every image chosen in its StreamFields."""
    image_model = get_image_model()
    found: dict = {}
    ids = set()
    for field in page._meta.concrete_fields:
        if field.is_relation and field.related_model is image_model and getattr(page, field.attname):
            ids.add(getattr(page, field.attname))
        elif isinstance(field, StreamField):
            chosen_object_ids(field.stream_block, list(getattr(page, field.name).raw_data), found)
    return ids | found.get(image_model, set())


def make_renditions_for_image(sender, instance, **kwargs) -> None:
    schedule_responsive_renditions({instance.pk})


def make_renditions_for_page(sender, instance, **kwargs) -> None:
    schedule_responsive_renditions(image_ids_of_page(instance.specific))


def record_new_renditions(sender, image, **kwargs) -> None:
    record(Change(Kind.RENDITIONS, image))


def connect() -> None:
    post_save.connect(make_renditions_for_image, sender=get_image_model(), dispatch_uid="kronika_image_renditions")
    page_published.connect(make_renditions_for_page, dispatch_uid="kronika_page_renditions")
    renditions_created.connect(record_new_renditions, dispatch_uid="kronika_renditions_recorded")
