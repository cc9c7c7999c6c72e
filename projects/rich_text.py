"""Rich text on the site: links to documents everyone may see, and no trace of the others."""

from django.db.models import Model
from wagtail.documents.rich_text import DocumentLinkHandler

from .visibility import public_media


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """A link to a document in a restricted collection keeps its text and loses its href, as in the API."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        found = public_media(cls.get_model()._default_manager.all()).in_bulk(ids)
        by_text_id = {str(pk): document for pk, document in found.items()}
        return [by_text_id.get(str(pk)) for pk in ids]
