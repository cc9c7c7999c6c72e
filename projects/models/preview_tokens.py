"""Preview tokens: signed, expiring, naming one previewed draft of one page, and accepted nowhere else."""

import datetime
import uuid

from django.conf import settings
from django.core import signing
from django.utils import timezone

SALT = "kronika.preview.draft"


def token_seconds() -> int:
    return int(getattr(settings, "KRONIKA_PREVIEW_TOKEN_SECONDS", 600))


def expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=token_seconds())


def make_token(draft_key: str, page_id: int) -> str:
    return signing.dumps({"d": str(draft_key), "p": page_id}, salt=SALT)


def read_token(token: str) -> tuple[str, int] | None:
    """(draft key, page id) of a valid token not older than its lifetime; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=token_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), str) or not isinstance(data.get("p"), int):
        return None
    try:
        return str(uuid.UUID(data["d"])), data["p"]
    except ValueError:
        return None
