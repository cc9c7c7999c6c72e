"""The events partners can subscribe to. Imports no models, so models, forms and payloads share it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    PAGE_PUBLISHED = "page.published", _("Page published")
    PAGE_UPDATED = "page.updated", _("Page updated")
    PAGE_UNPUBLISHED = "page.unpublished", _("Page unpublished")
    PAGE_DELETED = "page.deleted", _("Page deleted")
    PAGE_MOVED = "page.moved", _("Page moved")
    TRANSLATION_PUBLISHED = "translation.published", _("Translation published")
    ORGANISATION_SAVED = "organisation.saved", _("Organisation saved")
    ORGANISATION_DELETED = "organisation.deleted", _("Organisation deleted")
    PERSON_SAVED = "person.saved", _("Person saved")
    PERSON_DELETED = "person.deleted", _("Person deleted")
    OFFICE_SAVED = "office.saved", _("Office saved")
    OFFICE_DELETED = "office.deleted", _("Office deleted")


# Sent by "Send a test event" only; nobody subscribes to it.
TEST_EVENT = "test"

PAGE_EVENTS = frozenset(value for value in EventType.values if value.startswith(("page.", "translation.")))
# The API endpoint each snippet event's object is read from.
SNIPPET_ENDPOINT_EVENTS = {"organisations": "organisation", "people": "person", "offices": "office"}
