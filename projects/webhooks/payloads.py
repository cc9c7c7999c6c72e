"""What a delivery says: the event, and the object as the public API lists it (so only what the API shows).

{"id": "<event uuid, the idempotency key>", "type": "page.published", "created_at": "<ISO 8601>",
 "locale": "pl", "object": {"endpoint": "pages", "type": "projects.EventReportPage", "id": 12,
 "detail_url": "https://…/api/v2/pages/12/"}, "item": {<the API listing item with fields=*>} | null}

"item" is null for removals (unpublished, deleted) and when the API would not show the object.
"""

from django.conf import settings
from wagtail.models import Page, Site

from ..api.caching import api_detail_path
from ..api.inprocess import public_api_json
from ..conf import api_path_prefix
from ..models.webhook_event_types import TEST_EVENT

REMOVALS = ("unpublished", "deleted")


def site_of(event: dict) -> Site | None:
    if event["endpoint"] == "pages":
        page = Page.objects.filter(pk=event["object_id"]).first()
        if page is not None:
            return page.get_site()
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def _detail_url(site: Site | None, endpoint: str, object_id: int) -> str | None:
    path = api_detail_path(endpoint, object_id)
    if site is None or path is None:
        return None
    return site.root_url.rstrip("/") + path


def listing_item(site: Site, endpoint: str, object_id: int, object_type: str) -> dict | None:
    """The object as the API's listing shows it to anyone, every field included; None when it is not shown."""
    params = {"id": str(object_id), "fields": "*"}
    if endpoint == "pages":
        params["type"] = object_type
    listing = public_api_json(site, f"{api_path_prefix()}{endpoint}/", params)
    items = listing["items"] if listing else []
    return items[0] if items else None


def build_payload(event: dict) -> dict | None:
    """The JSON body of an event; None when the object is announced but the API no longer shows it."""
    site = site_of(event)
    endpoint, object_id = event["endpoint"], event["object_id"]
    removal = event["type"].endswith(REMOVALS)
    item = None if removal or site is None else listing_item(site, endpoint, object_id, event["object_type"])
    if item is None and not removal:
        return None
    detail_url = item["meta"]["detail_url"] if item else _detail_url(site, endpoint, object_id)
    return {
        "id": event["id"],
        "type": event["type"],
        "created_at": event["occurred_at"],
        "locale": event["locale"],
        "object": {"endpoint": endpoint, "type": event["object_type"], "id": object_id, "detail_url": detail_url},
        "item": item,
    }


def ping_payload(event_id: str, created_at: str) -> dict:
    """The body of "Send a test event": the usual envelope about nothing."""
    return {
        "id": event_id,
        "type": TEST_EVENT,
        "created_at": created_at,
        "locale": settings.LANGUAGE_CODE,
        "object": None,
        "item": None,
    }
