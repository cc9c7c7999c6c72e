"""The JSON shapes of things the API inlines: images, organisations, people, offices, phones and hours.

Each function returns plain JSON-ready data and says its shape in its docstring, so blocks, fields
and endpoints emit one regular shape for the same thing.
"""

from typing import Any

from django.http import HttpRequest
from wagtail.api.utils import get_full_url

from ..office_hours import WEEKDAYS
from ..renditions import RENDITION_FORMATS, RESPONSIVE_FILTERS, RESPONSIVE_SPECS
from ..visibility import media_is_public, person_is_public, public_email, public_phone
from .shapes import ID, INTEGER, STRING, URL, array, blank_or, component, emits, nullable, obj

ORGANISATION_SUMMARY = component(
    "OrganisationSummary",
    obj({"id": ID, "name": STRING, "acronym": STRING, "city": STRING, "website": blank_or(URL)}),
    "An organisation as pages, people and offices inline it.",
)
PHONE = component(
    "Phone",
    obj({"display": STRING, "e164": {"type": "string", "pattern": r"^(\+[1-9][0-9]{1,14})?$"}}),
    'A phone number as written, and in E.164 form ("" when it cannot be read).',
)
OFFICE_HOURS = component(
    "OfficeHours",
    obj(
        {
            "display": STRING,
            "ranges": array(
                obj(
                    {
                        "days": array({"enum": list(WEEKDAYS)}),
                        "opens": {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$"},
                        "closes": {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$"},
                    }
                )
            ),
        }
    ),
    "Office hours as written, and as ranges (days is empty when the text names none).",
)
ADDRESS = component(
    "Address",
    obj({"street_address": STRING, "postal_code": STRING, "city": STRING, "lines": array(STRING)}),
    "A postal address, also as the lines of an envelope.",
)
PUBLIC_PERSON = component(
    "PublicPerson",
    obj(
        {
            "id": ID,
            "name": STRING,
            "role": STRING,
            "department": STRING,
            "organisation": nullable(ORGANISATION_SUMMARY),
            "email": nullable({"type": "string", "format": "email"}),
            "phone": nullable(PHONE),
            "office_hours": nullable(OFFICE_HOURS),
        }
    ),
    "A person's public fields; e-mail and phone are null unless the person chose to show them.",
)
OFFICE = component(
    "Office",
    obj(
        {
            "id": ID,
            "name": STRING,
            "organisation": ORGANISATION_SUMMARY,
            "address": ADDRESS,
            "email": nullable({"type": "string", "format": "email"}),
            "phone": nullable(PHONE),
            "office_hours": nullable(OFFICE_HOURS),
        }
    ),
    "An office of an organisation.",
)
FOCAL_POINT = obj({"x": INTEGER, "y": INTEGER, "width": INTEGER, "height": INTEGER})
RENDITION = obj(
    {
        "format": {"type": "string", "enum": list(RENDITION_FORMATS)},
        "width": INTEGER,
        "height": INTEGER,
        "url": URL,
    }
)
IMAGE = component(
    "Image",
    obj(
        {
            "id": ID,
            "title": STRING,
            "alt": STRING,
            "caption": STRING,
            "credit": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "focal_point": nullable(FOCAL_POINT),
            "renditions": array(RENDITION),
            "srcset": {
                "type": "object",
                "propertyNames": {"enum": list(RENDITION_FORMATS)},
                "additionalProperties": STRING,
            },
        }
    ),
    "An image with the responsive renditions made for it (only those that exist are listed).",
)


def absolute_url(request: HttpRequest | None, url: str) -> str:
    return get_full_url(request, url) if request is not None else url


@emits(nullable(ORGANISATION_SUMMARY))
def organisation_summary(organisation: Any) -> dict | None:
    """{"id": int, "name": str, "acronym": str, "city": str, "website": str}, or null."""
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "city": organisation.city,
        "website": organisation.website,
    }


def phone_representation(display: str, e164: str) -> dict | None:
    """{"display": "61 887-11-66" (as written), "e164": "+48618871166" ("" when unreadable)}, or null."""
    if not display:
        return None
    return {"display": display, "e164": e164}


def office_hours_representation(text: str, ranges: list[dict]) -> dict | None:
    """{"display": "8.00 – 16.00", "ranges": [{"days": ["mon", …], "opens": "08:00", "closes": "16:00"}]}, or null."""
    if not text:
        return None
    return {"display": text, "ranges": list(ranges or [])}


@emits(nullable({"type": "string", "format": "email"}))
def person_email(person: Any, context: dict | None = None) -> str | None:
    """The e-mail a public person chose to show, or null."""
    return public_email(person) or None


@emits(nullable(PHONE))
def person_phone(person: Any, context: dict | None = None) -> dict | None:
    """The phone a public person chose to show ({"display", "e164"}), or null."""
    return phone_representation(public_phone(person), person.phone_e164)


@emits(nullable({"type": "string", "format": "email"}))
def contact_email(contact: Any, context: dict | None = None) -> str | None:
    """An office's e-mail, or null."""
    return contact.email or None


@emits(nullable(PHONE))
def contact_phone(contact: Any, context: dict | None = None) -> dict | None:
    """An office's phone ({"display", "e164"}), or null."""
    return phone_representation(contact.phone, contact.phone_e164)


@emits(nullable(OFFICE_HOURS))
def contact_hours(contact: Any, context: dict | None = None) -> dict | None:
    """Office hours ({"display", "ranges"}), or null."""
    return office_hours_representation(contact.office_hours, contact.office_hours_ranges)


@emits(ADDRESS)
def office_address(office: Any, context: dict | None = None) -> dict:
    """{"street_address": str, "postal_code": str, "city": str, "lines": [str, str]}"""
    return {
        "street_address": office.street_address,
        "postal_code": office.postal_code,
        "city": office.city,
        "lines": office.address_lines,
    }


@emits(nullable(PUBLIC_PERSON))
def public_person(person: Any) -> dict | None:
    """A person's public fields, or null for nobody or a person who is not public.

    {"id": int, "name": str, "role": str, "department": str, "organisation": organisation summary | null,
     "email": str | null, "phone": phone | null, "office_hours": office hours | null}
    E-mail and phone are null unless the person chose to show them.
    """
    if not person_is_public(person):
        return None
    return {
        "id": person.pk,
        "name": person.name,
        "role": person.role,
        "department": person.department,
        "organisation": organisation_summary(person.organisation) if person.organisation_id else None,
        "email": person_email(person),
        "phone": person_phone(person),
        "office_hours": contact_hours(person),
    }


@emits(nullable(OFFICE))
def office_representation(office: Any) -> dict | None:
    """An office, or null.

    {"id": int, "name": str, "organisation": organisation summary,
     "address": {"street_address": str, "postal_code": str, "city": str, "lines": [str, str]},
     "email": str | null, "phone": phone | null, "office_hours": office hours | null}
    """
    if office is None:
        return None
    return {
        "id": office.pk,
        "name": office.name,
        "organisation": organisation_summary(office.organisation),
        "address": office_address(office),
        "email": contact_email(office),
        "phone": contact_phone(office),
        "office_hours": contact_hours(office),
    }


def publicly_shown_image(image: Any, context: dict | None) -> Any:
    """The image when everyone may see it, else None: the result batch checked it in bulk, else one query."""
    if image is None:
        return None
    batch = (context or {}).get("batch")
    shown = batch.shows_image(image) if batch is not None else media_is_public(image)
    return image if shown else None


@emits(nullable(IMAGE))
def image_representation(
    image: Any, request: HttpRequest | None, *, alt: str = "", caption: str = "", credit: str = ""
) -> dict | None:
    """An image with its responsive renditions, or null. Only renditions that already exist are listed.

    {"id": int, "title": str, "alt": str, "caption": str, "credit": str, "width": int, "height": int,
     "focal_point": {"x": int, "y": int, "width": int, "height": int} | null,
     "renditions": [{"format": "original" | "webp", "width": int, "height": int, "url": str}],
     "srcset": {"original": "url 480w, url 960w, …", "webp": "…"}}
    """
    if image is None:
        return None
    # Reads renditions made when the image was saved or the page published; never creates one here.
    existing = image.find_existing_renditions(*RESPONSIVE_FILTERS)
    renditions = []
    for (_width, image_format, _spec), spec_filter in zip(RESPONSIVE_SPECS, RESPONSIVE_FILTERS, strict=True):
        rendition = existing.get(spec_filter)
        if rendition is not None:
            renditions.append(
                {
                    "format": image_format,
                    "width": rendition.width,
                    "height": rendition.height,
                    "url": absolute_url(request, rendition.url),
                }
            )
    srcset: dict[str, str] = {}
    for item in renditions:
        entry = f"{item['url']} {item['width']}w"
        srcset[item["format"]] = f"{srcset[item['format']]}, {entry}" if item["format"] in srcset else entry
    has_focal_point = image.focal_point_x is not None and image.focal_point_width is not None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or getattr(image, "description", "") or "",
        "caption": caption,
        "credit": credit,
        "width": image.width,
        "height": image.height,
        "focal_point": {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
        if has_focal_point
        else None,
        "renditions": renditions,
        "srcset": srcset,
    }
