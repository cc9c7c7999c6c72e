"""Webhook events from the change log: what partners could see changed, queued to be sent after commit.

The change log (projects/read_models/change_log.py) already decides what a change means to partners (a draft
saved is nothing, a page restricted is an unpublication, a person made non-public a deletion); the read-model
layer hands each change here with its entries, in the writer's transaction (``on_change``). What the page was
(type, project, programs) is noted now, while it still exists, so a deletion can be filtered like a publication;
the payload itself is read from the API after commit.
"""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from ..models import ChangeAction, ContentChange, ProjectFunding, WebhookSubscription
from ..models.webhook_event_types import SNIPPET_ENDPOINT_EVENTS, EventType
from ..read_models import Change, Kind, register
from ..read_models.change_log import PAGES_ENDPOINT
from .tasks import dispatch_event

PAGE_ACTIONS = {
    ChangeAction.CREATED: EventType.PAGE_PUBLISHED,
    ChangeAction.UPDATED: EventType.PAGE_UPDATED,
    ChangeAction.UNPUBLISHED: EventType.PAGE_UNPUBLISHED,
    ChangeAction.DELETED: EventType.PAGE_DELETED,
}


def new_event(event_type: str, change: ContentChange, **facts) -> dict:
    """An event as queued: JSON-safe, with its id (the receivers' idempotency key) and what filters need."""
    return {
        "id": str(uuid.uuid4()),
        "type": str(event_type),
        "occurred_at": timezone.now().isoformat(),
        "endpoint": change.endpoint,
        "object_type": change.object_type,
        "object_id": change.object_id,
        "locale": change.locale,
        **facts,
    }


def page_facts(page: Page) -> dict:
    """The page's type and the translation keys of itself, its ancestors and the programs funding them."""
    ancestors = list(Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1))
    keys = [str(ancestor.translation_key) for ancestor in ancestors]
    program_keys = ProjectFunding.objects.filter(page_id__in=[ancestor.pk for ancestor in ancestors]).values_list(
        "program__translation_key", flat=True
    )
    return {"tree_keys": keys, "program_keys": [str(key) for key in program_keys if key]}


def _queue(events: list[dict]) -> None:
    for event in events:
        transaction.on_commit(lambda event=event: dispatch_event.enqueue(event))


def page_changes_recorded(changes: Iterable[ContentChange], pages: dict[int, Page], *, moved: bool = False) -> None:
    """Queue the events of the page entries the change log just recorded (moved: the pages were moved)."""
    changes = list(changes)
    if not changes or not WebhookSubscription.objects.filter(is_active=True).exists():
        return
    source_language = Locale.get_default().language_code
    events = []
    for change in changes:
        page = pages[change.object_id]
        event_type = PAGE_ACTIONS[ChangeAction(change.action)]
        if moved and change.action == ChangeAction.UPDATED:
            event_type = EventType.PAGE_MOVED
        facts = page_facts(page)
        events.append(new_event(event_type, change, **facts))
        published = change.action in (ChangeAction.CREATED, ChangeAction.UPDATED) and not moved
        if published and change.locale and change.locale != source_language:
            events.append(new_event(EventType.TRANSLATION_PUBLISHED, change, **facts))
    _queue(events)


def snippet_change_recorded(change: ContentChange) -> None:
    """Queue the event of an organisation, person or office entry the change log just recorded."""
    if not WebhookSubscription.objects.filter(is_active=True).exists():
        return
    kind = SNIPPET_ENDPOINT_EVENTS[change.endpoint]
    suffix = "deleted" if change.action == ChangeAction.DELETED else "saved"
    _queue([new_event(EventType(f"{kind}.{suffix}"), change)])


def on_change(change: Change) -> None:
    """Read-model listener: queue the events of the entries the change log recorded for this change."""
    page_entries = [entry for entry in change.entries if entry.endpoint == PAGES_ENDPOINT]
    if page_entries:
        page_changes_recorded(page_entries, change.pages, moved=change.kind == Kind.MOVED)
    for entry in change.entries:
        if entry.endpoint != PAGES_ENDPOINT:
            snippet_change_recorded(entry)


def connect() -> None:
    register(on_change, after_change_log=True)
