"""The signature header, ``Kronika-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + raw body>``.

Signing the timestamp with the body lets a receiver refuse old deliveries (replays) as well as forged ones.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Kronika-Signature"
DEFAULT_TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(header: str, secret: str, body: bytes, *, tolerance: int = DEFAULT_TOLERANCE_SECONDS) -> bool:
    """Whether the header signs this body with this secret, at most `tolerance` seconds ago."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))
