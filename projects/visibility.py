"""The one public rule: whether a person, an image or a document may be shown to everyone.

The API, the HTML templates, the search, the change log and the snapshots ask here, so what the
website shows and what partners receive cannot drift apart. The answers do not depend on who asks:
what a password, a login or a group membership unlocks is never public. (Pages have Wagtail's own rule,
``live().public()``; answers that do depend on who asks are the business of projects.api.caching.)

- A person is public while "shown publicly" is ticked; their e-mail and phone only when also ticked
  for each. Internal notes never are.
- An image or a document is public unless its collection, or a collection above it, has a view
  restriction (of any kind). A public page that uses a private image shows no trace of it.

This module imports no models of Kronika and no API code, so models, blocks, templates and views
can all import it.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Collection, CollectionViewRestriction


def person_is_public(person: Any) -> bool:
    """Whether the person (a Person snippet, or None) may be named at all."""
    return person is not None and bool(person.is_public)


def public_people_condition(prefix: str = "") -> Q:
    """The SQL form of person_is_public, e.g. ``public_people_condition("person__")`` for rows that choose one."""
    return Q(**{f"{prefix}is_public": True})


def public_email(person: Any) -> str:
    """The e-mail a public person chose to show, or ""."""
    return person.email if person_is_public(person) and person.show_email and person.email else ""


def public_phone(person: Any) -> str:
    """The phone (as written) a public person chose to show, or ""."""
    return person.phone if person_is_public(person) and person.show_phone and person.phone else ""


def _restricted_collection(collection_path: str) -> Exists:
    """A view restriction on the collection at `collection_path` (an outer field) or on one above it.

    Collections are a treebeard tree: a restriction's collection is above (or is) the item's collection
    when its path begins the item's collection path.
    """
    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef(collection_path), 1, Length("collection__path"))
        )
    )


def public_media(queryset: QuerySet) -> QuerySet:
    """The images or documents of `queryset` that are in no restricted collection (no extra query)."""
    return queryset.filter(~_restricted_collection("collection__path"))


def restricted_collection_ids() -> list[int]:
    """The collections whose images and documents are not public, in one query.

    The same rule as public_media, as a list of ids for querysets that Wagtail's search backends must
    read (they cannot take a subquery): ``queryset.exclude(collection__in=restricted_collection_ids())``.
    """
    return list(Collection.objects.filter(_restricted_collection("path")).values_list("pk", flat=True))


def media_is_public(item: Any) -> bool:
    """Whether this image or document (or None) may be shown to everyone; one query."""
    if item is None or item.pk is None:
        return False
    return public_media(type(item)._default_manager.filter(pk=item.pk)).exists()


def may_admin_see_media(request: HttpRequest) -> bool:
    """Editors see every image in the admin, whatever restriction a collection has for the public site."""
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def media_visible_to(request: HttpRequest, item: Any) -> bool:
    """Whether this request may read the image or document file: public, unlocked by every restriction, or an editor.

    Unlike the rest of this module the answer depends on who asks, so it is only for serving files,
    which are never stored in a shared cache when private.
    """
    if item is None:
        return False
    restrictions = CollectionViewRestriction.objects.filter(
        collection__in=item.collection.get_ancestors(inclusive=True)
    )
    return all(restriction.accept_request(request) for restriction in restrictions) or may_admin_see_media(request)
