"""The importer's settings, read at call time with defaults."""

from django.conf import settings

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


def max_file_bytes() -> int:
    """The largest file the importer reads (KRONIKA_IMPORT_MAX_FILE_BYTES, default 10 MB)."""
    return int(getattr(settings, "KRONIKA_IMPORT_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))
