"""Golden JSON files of API responses, and the one place volatile values are normalised.

`normalised(data)` replaces, in a copy:
- database ids, which differ between SQLite and PostgreSQL and between test orders: any integer "id", the
  delta sync's cursors, and the numbers in /api/v2/<endpoint>/<n>/ and /documents/<n>/ URLs, by "<id>"
  (a cursor of 0, the start, stays);
- block ids (random UUIDs) by "<uuid>";
- timestamps (first_published_at, last_published_at, recorded_at) by "<timestamp>" when set;
- the random suffix Django's storage gives a file name that is taken ("example_Ab12xYz.jpg" -> "example.jpg").

Update the files on purpose with `KRONIKA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_api_golden.py`
and review the diff before committing it.
"""

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).parent / "golden"
ID_KEYS = frozenset(["id", "cursor", "since", "next_cursor"])
TIMESTAMP_KEYS = frozenset(["first_published_at", "last_published_at", "recorded_at"])
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ID_IN_URL = re.compile(r"(/api/v2/[a-z_]+/|/documents/)(\d+)(/)")
_STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.[A-Za-z0-9.-]+$|\.[a-z]+[-.])")


def _string(value: str) -> str:
    if _UUID.match(value):
        return "<uuid>"
    value = _ID_IN_URL.sub(lambda match: f"{match[1]}<id>{match[3]}", value)
    return " ".join(_STORAGE_SUFFIX.sub("", part) for part in value.split(" "))


def _walk(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {name: _walk(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_walk(item) for item in value]
    if key in ID_KEYS and isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return "<id>"
    if key in TIMESTAMP_KEYS and value is not None:
        return "<timestamp>"
    if isinstance(value, str):
        return _string(value)
    return value


def normalised(data: Any) -> Any:
    """The data with its volatile values replaced (see the module docstring)."""
    return _walk(data)


def _pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def assert_golden(name: str, data: Any) -> None:
    """The normalised data equals tests/golden/<name>.json, or (with KRONIKA_UPDATE_GOLDEN=1) becomes it."""
    path = GOLDEN_DIR / f"{name}.json"
    actual = _pretty(normalised(data))
    if os.environ.get("KRONIKA_UPDATE_GOLDEN") == "1":
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with KRONIKA_UPDATE_GOLDEN=1 to write it, then review it"
    expected = path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(path), "response"))
    assert actual == expected, f"The API output changed. If on purpose, update with KRONIKA_UPDATE_GOLDEN=1:\n{diff}"
