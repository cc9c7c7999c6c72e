"""PO file import that refuses, with a clear message, any file that does not fit the translation."""

import polib
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

MAX_PO_BYTES = 5 * 1024 * 1024


class POImportError(Exception):
    """The PO file was refused; nothing was imported."""


def parse_po(content: bytes) -> polib.POFile:
    """Parse uploaded bytes as a PO file (never as a file name, which polib would open)."""
    if len(content) > MAX_PO_BYTES:
        raise POImportError(_("This file is too large to be a PO file of one page."))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise POImportError(_("This is not a PO file: it is not UTF-8 text.")) from error
    # polib opens its argument as a path when one exists by that name: real PO text always has line breaks.
    if "\n" not in text or "msgid" not in text:
        raise POImportError(_("This is not a PO file: it has no messages."))
    try:
        return polib.pofile(text)
    except (OSError, ValueError) as error:
        raise POImportError(_("This is not a valid PO file: %(error)s") % {"error": error}) from error


def import_po(translation: Translation, po: polib.POFile, user=None) -> int:
    """Import the PO file's translations; refuse the whole file if any of it does not match.

    Returns the number of translated messages. Raises POImportError, changing nothing, when the file
    was made for another translation, or names strings or places the current source does not have.
    """
    file_translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
    if file_translation_id is None:
        raise POImportError(_("This PO file was not exported by Kronika: it does not say which translation it is for."))
    if file_translation_id != str(translation.uuid):
        raise POImportError(
            _("This PO file belongs to another translation. Download the PO file of “%(object)s” and use that.")
            % {"object": translation.source.object_repr}
        )
    with transaction.atomic():
        warnings = translation.import_po(po, user=user, tool_name="PO File")
        if warnings:
            raise POImportError(
                _(
                    "This PO file does not match the current text of “%(object)s” (%(count)d messages differ): "
                    "it was probably exported before the source changed. Download it again and copy your "
                    "translations over."
                )
                % {"object": translation.source.object_repr, "count": len(warnings)}
            )
    return sum(1 for entry in po if entry.msgstr and not entry.obsolete)
