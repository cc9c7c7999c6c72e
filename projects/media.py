"""Uploaded image files, served by the application so a private collection's images reach only those who may see them.

Wagtail writes originals to ``original_images/`` and renditions to ``images/`` below MEDIA_ROOT and
links to them there; a web server serving MEDIA_ROOT directly would hand anyone the files of a
restricted collection. This view answers for MEDIA_URL instead: it finds the image a file belongs
to and serves it when its collection is public (shared caches may keep it), to whoever passes the
collection's restrictions or may use the admin (kept private), and answers 404 to anyone else, as
for a file that does not exist. Documents are never served from here: Wagtail's serve view
(``/documents/<id>/<filename>``) checks their collection.
"""

import mimetypes
import posixpath

from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.images import get_image_model

from .visibility import media_is_public, media_visible_to

# Shared caches may keep a public image this long after its collection is made private: an hour bounds it.
PUBLIC_IMAGE_MAX_AGE = 60 * 60


def _image_of_file(name: str):
    image_model = get_image_model()
    if name.startswith("original_images/"):
        return image_model.objects.filter(file=name).select_related("collection").first()
    if name.startswith("images/"):
        rendition = (
            image_model.get_rendition_model().objects.filter(file=name).select_related("image__collection").first()
        )
        return rendition.image if rendition is not None else None
    return None


def serve_media_file(request: HttpRequest, path: str) -> FileResponse:
    """The image file at `path` below MEDIA_ROOT, for those who may see the image; 404 otherwise."""
    name = posixpath.normpath(path).lstrip("/")
    if name != path or name.startswith(".."):
        raise Http404("No such file.")
    image = _image_of_file(name)
    if image is None:
        raise Http404("No such file.")
    public = media_is_public(image)
    if not public and not media_visible_to(request, image):
        raise Http404("No such file.")
    storage = image.file.storage
    if not storage.exists(name):
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_IMAGE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ("Cookie",))
    return response
