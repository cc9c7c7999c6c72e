"""Fault tests of image uploads: an image over the pixel or file size limit is refused with a clear error, and
nothing is stored: no image, no file, no change to the image being edited.

A PNG of one colour declares its size in its header and compresses to a few kilobytes, whatever the size: the
"decompression bomb" that once took 40 s of a request to turn into renditions.
"""

import struct
import zlib
from pathlib import Path

import pytest
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

Image = get_image_model()
BOMB_SIDE = 10_000  # 100 megapixels


def png(width: int, height: int) -> bytes:
    """A grey PNG of any size, compressed row by row so that a 100-megapixel one costs no memory to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x80" * width
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png(BOMB_SIDE, BOMB_SIDE)


def stored_files(settings) -> set[Path]:
    """Uploaded originals (the edit form shows renditions of the image it edits, which it may make as it goes)."""
    return {path for path in (Path(settings.MEDIA_ROOT) / "original_images").glob("*") if path.is_file()}


def test_the_bomb_is_small_and_declares_100_megapixels(bomb):
    assert len(bomb) < 200 * 1024
    assert bomb[16:24] == struct.pack(">II", BOMB_SIDE, BOMB_SIDE)


def test_the_limit_is_well_under_100_megapixels(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000


def test_adding_an_image_of_100_megapixels_is_refused_with_a_form_error(admin_client, bomb, settings):
    files_before = stored_files(settings)
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Panorama", "file": SimpleUploadedFile("panorama.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        f"This file has too many pixels (100000000). Maximum pixels {settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS}."
    ]
    assert "too many pixels" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(settings) == files_before


def test_the_multiple_upload_refuses_it_too(admin_client, bomb, settings):
    files_before = stored_files(settings)
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("panorama.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "too many pixels" in answer["error_message"]
    assert not Image.objects.exists()
    assert stored_files(settings) == files_before


def test_replacing_an_image_file_with_one_of_100_megapixels_changes_nothing(admin_client, bomb, settings):
    image = wagtail_factories.ImageFactory(title="Sala")
    before, files_before = (image.file.name, image.width, image.height), stored_files(settings)
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Sala", "file": SimpleUploadedFile("panorama.png", bomb, content_type="image/png")},
    )
    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["form"].errors["file"])
    image.refresh_from_db()
    assert (image.file.name, image.width, image.height) == before
    assert stored_files(settings) == files_before
    assert not any("panorama" in path.name for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_an_image_within_the_limits_is_accepted(admin_client, settings):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Sala", "file": SimpleUploadedFile("sala.png", png(800, 600), content_type="image/png")},
    )
    assert response.status_code == 302
    assert Image.objects.get().get_rect().size == (800, 600)


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Sala", "file": SimpleUploadedFile("sala.png", png(2000, 2000) + b"\x00" * 2048)},
    )
    assert response.status_code == 200
    assert "This file is too big" in " ".join(response.context["form"].errors["file"])
    assert not Image.objects.exists()
