"""Reading the demo data file: only the file shipped in the repository, or one given on purpose."""

import tomllib
from pathlib import Path
from typing import Any

DEMO_DATA_PATH = Path(__file__).resolve().parent / "kronika_demo.toml"


class DemoDataError(Exception):
    """The data file cannot be read, or what it asks for breaks a rule editors would also meet."""


def load_demo_data(path: Path = DEMO_DATA_PATH) -> dict[str, Any]:
    """The parsed data file; a clear DemoDataError when it is missing, unreadable or not TOML."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise DemoDataError(f"The demo data file {path} does not exist.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DemoDataError(f"The demo data file {path} cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"The demo data file {path} is not valid TOML: {error}") from error


def items(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    """The tables of an array-of-tables section, each checked to carry a key."""
    entries = data.get(section, [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise DemoDataError(f"[[{section}]] must be an array of tables.")
    for position, entry in enumerate(entries):
        if not isinstance(entry.get("key"), str) or not entry["key"]:
            raise DemoDataError(f"{section}[{position}] has no key.")
    return entries


def table(data: dict[str, Any], *path: str) -> dict[str, Any]:
    """A required table such as [home] or [indexes.projects]."""
    current: Any = data
    for name in path:
        current = current.get(name) if isinstance(current, dict) else None
    if not isinstance(current, dict) or not current.get("key"):
        raise DemoDataError(f"The data file needs a [{'.'.join(path)}] table with a key.")
    return current
