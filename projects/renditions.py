"""The image sizes partner sites get: named specs, generated ahead of time, never inside an API request."""

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

RENDITION_WIDTHS = (480, 960, 1440)
ORIGINAL_FORMAT = "original"
WEBP_FORMAT = "webp"
RENDITION_FORMATS = (ORIGINAL_FORMAT, WEBP_FORMAT)


def rendition_spec(width: int, image_format: str) -> str:
    """The Wagtail filter spec of one responsive size, e.g. "width-960|format-webp"."""
    return f"width-{width}" if image_format == ORIGINAL_FORMAT else f"width-{width}|format-{image_format}"


RESPONSIVE_SPECS = tuple(
    (width, image_format, rendition_spec(width, image_format))
    for image_format in RENDITION_FORMATS
    for width in RENDITION_WIDTHS
)
RESPONSIVE_FILTERS = tuple(Filter(spec=spec) for _, _, spec in RESPONSIVE_SPECS)

# Sent with the `image` once renditions of it were created: Wagtail creates several in one bulk insert,
# without model signals, and the API lists the renditions that exist, so partners see a change. Its
# receiver (projects.signal_handlers) records that in the read models; this module, which the API's
# shapes import, imports nothing that does.
renditions_created = Signal()


@task()
def generate_responsive_renditions(image_id: int) -> int:
    """Create the missing responsive renditions of one image; returns how many exist afterwards."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    existing = image.find_existing_renditions(*RESPONSIVE_FILTERS)
    missing = [spec_filter for spec_filter in RESPONSIVE_FILTERS if spec_filter not in existing]
    if missing:
        image.create_renditions(*missing)
        renditions_created.send(sender=type(image), image=image)
    return len(RESPONSIVE_FILTERS)


def schedule_responsive_renditions(image_ids: set[int]) -> None:
    """Queue rendition generation once the current transaction has committed."""
    for image_id in sorted(image_ids):
        transaction.on_commit(lambda image_id=image_id: generate_responsive_renditions.enqueue(image_id))
