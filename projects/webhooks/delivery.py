"""One attempt to deliver: POST the signed JSON body to the subscription's target, at the address checked."""

import http.client
import json
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from .addresses import IPAddress, resolve_target
from .signing import SIGNATURE_HEADER, signature_header

# A receiver's answer is read only this far: the log keeps the status and the time, not the body.
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "Kronika-Webhooks/1.0"


def timeout_seconds() -> float:
    return float(getattr(settings, "KRONIKA_WEBHOOK_TIMEOUT_SECONDS", 10))


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


@dataclass
class Attempt:
    ok: bool
    status_code: int | None
    duration_ms: int
    error: str = ""


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the host name resolves to by now."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self.address), self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((str(self.address), self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, payload: dict, secret: str, headers: dict[str, str]) -> Attempt:
    """POST the payload, signed; a 2xx answer is a success, anything else (redirects included) a failure."""
    started = time.monotonic()
    body = body_of(payload)
    try:
        host, port, address = resolve_target(url)
    except ValidationError as error:
        return Attempt(False, None, 0, " ".join(error.messages))
    parts = urlsplit(url)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout_seconds())
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    all_headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature_header(secret, body),
        **headers,
    }
    try:
        connection.request("POST", path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return Attempt(False, None, _elapsed_ms(started), f"{type(error).__name__}: {error}"[:500])
    finally:
        connection.close()
    ok = 200 <= status < 300
    return Attempt(ok, status, _elapsed_ms(started), "" if ok else f"HTTP {status}")


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
