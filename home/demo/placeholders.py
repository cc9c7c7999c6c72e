"""Placeholder photos drawn locally with Pillow: plainly marked, and found again by title."""

import hashlib
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageColor, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from .data import DemoDataError

SIZE = (1200, 800)
FONT_SIZE = 72
INK = "#36414b"


def placeholder_png(lines: list[str], background: str) -> bytes:
    """A plain picture with a frame, a cross and the given lines of text; the same bytes every time."""
    picture = PillowImage.new("RGB", SIZE, ImageColor.getrgb(background))
    draw = ImageDraw.Draw(picture)
    width, height = SIZE
    draw.rectangle((20, 20, width - 21, height - 21), outline=INK, width=6)
    draw.line((20, 20, width - 21, height - 21), fill=INK, width=2)
    draw.line((20, height - 21, width - 21, 20), fill=INK, width=2)
    font = ImageFont.load_default(size=FONT_SIZE)
    line_height = FONT_SIZE + 24
    top = (height - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        left, _, right, _ = draw.textbbox((0, 0), line, font=font)
        x, y = (width - (right - left)) // 2, top + number * line_height
        draw.rectangle((x - 16, y - 8, x + (right - left) + 16, y + FONT_SIZE + 8), fill=background)
        draw.text((x, y), line, font=font, fill=INK)
    output = BytesIO()
    picture.save(output, format="PNG")
    return output.getvalue()


def _lines(spec: dict[str, Any], where: str) -> list[str]:
    lines = spec.get("lines", [])
    if not lines or not all(isinstance(line, str) and line.isascii() for line in lines):
        # Pillow's built-in font has no Polish letters; a system font would be a file outside the repo.
        raise DemoDataError(f"{where}: `lines` must be a non-empty list of ASCII text.")
    return lines


def sync_placeholder(spec: dict[str, Any], where: str) -> tuple[AbstractImage, str]:
    """Create the image, or bring an existing one of the same title in step; returns it and what happened."""
    try:
        content = placeholder_png(_lines(spec, where), spec.get("background", "#d0d0d0"))
    except ValueError as error:
        raise DemoDataError(f"{where}: {error}") from error
    digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    image_model = get_image_model()
    image = image_model.objects.filter(title=spec["title"]).first()
    outcome = "unchanged"
    if image is None:
        image, outcome = image_model(title=spec["title"]), "created"
    if image.description != spec.get("description", ""):
        image.description = spec.get("description", "")
        outcome = outcome if outcome == "created" else "updated"
    if image.file_hash != digest:
        if image.pk:
            image.renditions.all().delete()
        image.file = ImageFile(BytesIO(content), name=f"{spec['key']}.png")
        image._set_image_file_metadata()
        outcome = outcome if outcome == "created" else "updated"
    if outcome != "unchanged":
        try:
            image.full_clean()
        except ValidationError as error:
            raise DemoDataError(f"{where}: {error}") from error
        image.save()
    tags = sorted(spec.get("tags", []))
    if sorted(image.tags.names()) != tags:
        image.tags.set(tags)
        outcome = outcome if outcome == "created" else "updated"
    return image, outcome
