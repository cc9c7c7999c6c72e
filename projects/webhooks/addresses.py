"""Webhook targets must not reach inside our network (SSRF): no loopback, link-local, private or reserved address.

A target is checked when it is saved and again at each delivery, and the connection goes to the very address
that was checked, so a DNS answer that changes in between (rebinding) cannot redirect it.
``KRONIKA_WEBHOOK_ALLOWED_NETWORKS`` lets some through on purpose (development and tests allow 127.0.0.1).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(network) for network in getattr(settings, "KRONIKA_WEBHOOK_ALLOWED_NETWORKS", [])]


def is_public_address(address: IPAddress) -> bool:
    if any(address in network for network in allowed_networks()):
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve_target(url: str) -> tuple[str, int, IPAddress]:
    """(host, port, the one address to connect to) of an http(s) URL; ValidationError when it may not be used."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Enter an http:// or https:// address."), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(_("The address must not contain a user name or password."), code="credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as error:
        raise ValidationError(
            _("The host %(host)s cannot be found."), code="dns", params={"host": parts.hostname}
        ) from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    refused = [address for address in addresses if not is_public_address(address)]
    if refused or not addresses:
        raise ValidationError(
            _("%(host)s resolves to %(address)s, a private, loopback or link-local address: webhooks cannot go there."),
            code="private",
            params={"host": parts.hostname, "address": refused[0] if refused else "-"},
        )
    return parts.hostname, port, addresses[0]
