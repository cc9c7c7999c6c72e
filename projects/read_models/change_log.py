"""Records what partners must mirror: pages and snippets that appear, change or go away.

Only states a partner could see are recorded: a page counts as visible when it is live
and public (no view restriction on it or above it); a Person only while marked public.
A draft saved in the admin records nothing, and no entry holds any content, only ids.

Partners read the log by cursor (the entry's id), so ids must become visible in order: an entry
committed after a partner had read past its id would never reach that partner. So a recorder takes
the change-order lock (projects.read_models.lock) right before it reads what partners were last told,
and holds it to the writer's commit: ids are drawn in commit order, and what partners were last told
is read by one writer at a time. A change that records nothing never takes it.

The log is compacted (`manage.py compact_change_log`): entries superseded long enough ago go, each
object's latest entry stays.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from ..models import ChangeAction, ContentChange, Office, Organisation, Person
from ..models.changes import VISIBLE_ACTIONS
from ..visibility import person_is_public
from .change import Change, Kind
from .generation import bump_generation
from .lock import hold_change_order

PAGES_ENDPOINT = "pages"
SNIPPET_ENDPOINTS: dict[type[Model], str] = {
    Organisation: "organisations",
    Person: "people",
    Office: "offices",
}


def _last_actions(endpoint: str, object_ids: Iterable[int]) -> dict[int, str]:
    rows = (
        ContentChange.objects.filter(endpoint=endpoint, object_id__in=list(object_ids))
        .order_by("object_id", "-id")
        .values_list("object_id", "action")
    )
    latest: dict[int, str] = {}
    for object_id, action in rows:
        latest.setdefault(object_id, action)
    return latest


def _transition(was_visible: bool, is_visible: bool, removal: ChangeAction) -> ChangeAction | None:
    if is_visible:
        return ChangeAction.UPDATED if was_visible else ChangeAction.CREATED
    return removal if was_visible else None


@transaction.atomic(savepoint=False)
def record_page_states(
    pages: Iterable[Page], *, assumed_visible: bool, unpublished: bool = False
) -> list[ContentChange]:
    """Log how each page now looks to partners compared with what they were last told.

    ``assumed_visible`` stands in for pages published before the log existed: removals
    assume partners hold a copy, publications assume they do not. ``unpublished`` says
    the pages were just unpublished, which Wagtail may not have saved yet (as before a delete).
    Returns the entries recorded.
    """
    pages = list(pages)
    if not pages:
        return []
    ids = [page.pk for page in pages]
    visible_ids = set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))
    language_codes = dict(Locale.objects.values_list("pk", "language_code"))
    hold_change_order()
    last = _last_actions(PAGES_ENDPOINT, ids)
    changes = []
    for page in pages:
        was_visible = last[page.pk] in VISIBLE_ACTIONS if page.pk in last else assumed_visible
        is_visible = not unpublished and page.pk in visible_ids
        action = _transition(was_visible, is_visible, ChangeAction.UNPUBLISHED)
        if action is not None:
            changes.append(
                ContentChange(
                    action=action,
                    endpoint=PAGES_ENDPOINT,
                    object_type=page.specific_class._meta.label if page.specific_class else "wagtailcore.Page",
                    object_id=page.pk,
                    locale=language_codes.get(page.locale_id, ""),
                )
            )
    return ContentChange.objects.bulk_create(changes)


@transaction.atomic(savepoint=False)
def record_page_deleted(page: Page) -> list[ContentChange]:
    """Log a deletion of a page partners were ever told about, even if it was unpublished first."""
    locale = Locale.objects.filter(pk=page.locale_id).values_list("language_code", flat=True).first() or ""
    hold_change_order()
    last = _last_actions(PAGES_ENDPOINT, [page.pk]).get(page.pk)
    if last == ChangeAction.DELETED or (last is None and not page.live):
        return []
    change = ContentChange.objects.create(
        action=ChangeAction.DELETED,
        endpoint=PAGES_ENDPOINT,
        object_type=page.specific_class._meta.label if page.specific_class else "wagtailcore.Page",
        object_id=page.pk,
        locale=locale,
    )
    return [change]


def snippet_is_public(instance: Model) -> bool:
    return person_is_public(instance) if isinstance(instance, Person) else True


@transaction.atomic(savepoint=False)
def record_snippet_state(
    instance: Model, *, created: bool, deleted: bool = False, was_public: bool | None = None
) -> list[ContentChange]:
    """Log a snippet save or delete; a Person made non-public is a deletion for partners.

    ``was_public`` is what the database held before this save, when known.
    """
    endpoint = SNIPPET_ENDPOINTS[type(instance)]
    hold_change_order()
    last = _last_actions(endpoint, [instance.pk]).get(instance.pk)
    if last:
        was_visible = last in VISIBLE_ACTIONS
    else:
        was_visible = not created and (was_public is None or was_public)
    is_visible = not deleted and snippet_is_public(instance)
    action = _transition(was_visible, is_visible, ChangeAction.DELETED)
    if action is None:
        return []
    locale = getattr(instance, "locale", None) if getattr(instance, "locale_id", None) else None
    change = ContentChange.objects.create(
        action=action,
        endpoint=endpoint,
        object_type=type(instance)._meta.label,
        object_id=instance.pk,
        locale=locale.language_code if locale else "",
    )
    return [change]


def _restriction_origin_is_page_deletion(origin: object) -> bool:
    return isinstance(origin, Page) or (isinstance(origin, QuerySet) and issubclass(origin.model, Page))


def record(change: Change) -> None:
    """Log what the change means to partners, if anything; fills ``change.entries`` and ``change.pages``."""
    instance = change.instance
    if change.raw:
        return
    if isinstance(instance, Page):
        if change.kind == Kind.PUBLISHED:
            pages = [instance]
            change.entries = record_page_states(pages, assumed_visible=False)
        elif change.kind == Kind.UNPUBLISHED:
            pages = [instance]
            change.entries = record_page_states(pages, assumed_visible=True, unpublished=True)
        elif change.kind == Kind.MOVED:
            pages = list(instance.get_descendants(inclusive=True).live())
            change.entries = record_page_states(pages, assumed_visible=True)
        elif change.kind == Kind.DELETED:
            pages = [instance]
            change.entries = record_page_deleted(instance)
        else:
            return
        change.pages = {page.pk: page for page in pages}
    elif isinstance(instance, PageViewRestriction):
        if change.kind == Kind.UNRESTRICTED and _restriction_origin_is_page_deletion(change.origin):
            # When a page is deleted its restrictions go with it: its deletion is what partners need.
            return
        pages = list(instance.page.get_descendants(inclusive=True).live())
        change.entries = record_page_states(pages, assumed_visible=change.kind == Kind.RESTRICTED)
        change.pages = {page.pk: page for page in pages}
    elif type(instance) in SNIPPET_ENDPOINTS and change.kind in (Kind.SAVED, Kind.DELETED):
        change.entries = record_snippet_state(
            instance, created=change.created, deleted=change.kind == Kind.DELETED, was_public=change.was_public
        )


def compact(older_than: datetime.timedelta, *, batch_size: int = 1000) -> int:
    """Delete the entries superseded by a later entry of the same object recorded before `older_than` ago.

    Each object's latest entry always stays, so a partner starting from cursor 0 still learns the
    current state of everything (an `updated` may then stand for an object it never saw created), and
    a partner that syncs more often than `older_than` still sees every action. Returns how many went.
    """
    cutoff = timezone.now() - older_than
    superseded_by_old_entry = ContentChange.objects.filter(
        endpoint=OuterRef("endpoint"), object_id=OuterRef("object_id"), pk__gt=OuterRef("pk"), recorded_at__lt=cutoff
    )
    stale = list(ContentChange.objects.filter(Exists(superseded_by_old_entry)).values_list("pk", flat=True))
    for start in range(0, len(stale), batch_size):
        with transaction.atomic():
            ContentChange.objects.filter(pk__in=stale[start : start + batch_size]).delete()
            # Cached answers of /changes/ list what is gone now.
            bump_generation()
    return len(stale)
