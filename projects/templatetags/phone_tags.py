from django import template

from ..phones import normalise_phone_or_blank

register = template.Library()


@register.filter
def e164(value: str) -> str:
    """The international form of a phone number as written, for tel: links."""
    return normalise_phone_or_blank(value)
