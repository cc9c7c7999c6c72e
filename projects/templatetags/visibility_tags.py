"""Template filters that apply the public rule (projects.visibility) on the HTML site, as the API does."""

from typing import Any

from django import template

from ..models import Person
from ..visibility import media_is_public, person_is_public

register = template.Library()


@register.filter
def shown_publicly(item: Any) -> Any:
    """The person, image or document when everyone may see it, else None: ``value.person|shown_publicly``."""
    if item is None:
        return None
    if isinstance(item, Person):
        return item if person_is_public(item) else None
    return item if media_is_public(item) else None


@register.filter
def public_names(rows: Any) -> list[str]:
    """The names of chosen or typed people (moderators, coordinators) as published, hidden people left out."""
    return [row.public_name for row in rows if row.public_name]
