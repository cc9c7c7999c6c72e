"""The importer in the admin: upload several files, see the drafts they would make, then create them.

The uploaded files wait between the preview and the confirmation in the default storage, under a
token kept in the editor's session, so only the editor who uploaded them can create the drafts; they
are deleted once the drafts are made, and leftovers of abandoned previews after a day.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from ..models import EventKind, EventReportPage
from .builder import PreparedReport, create, draft_representation, prepare
from .conf import max_file_bytes
from .forms import ImportForm
from .matcher import KnownSnippets

UPLOADS = "kronika-imports"
SESSION_KEY = "kronika_imports"
STALE_AFTER = datetime.timedelta(days=1)
TEMPLATE = "projects/importing/import.html"


@dataclass
class PreviewRow:
    """One file as the preview shows it."""

    source: str
    error: str = ""
    page: dict | None = None
    fields: list[tuple[str, str]] | None = None
    warnings: list[str] | None = None
    unrecognised: int = 0
    new_snippets: list[str] | None = None


def import_view(request: HttpRequest) -> HttpResponse:
    """The upload form (GET) and the preview of the drafts the files would make (POST)."""
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.parents:
        raise PermissionDenied
    context = {"page_title": _("Import reports"), "header_icon": "doc-full-inverse", "form": form}
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, context)
    parent = form.cleaned_data["parent"]
    _delete_stale_uploads()
    token = uuid.uuid4().hex
    known = KnownSnippets(parent.locale)
    rows, stored = [], []
    for index, upload in enumerate(form.cleaned_data["files"]):
        if upload.size > max_file_bytes():
            rows.append(PreviewRow(source=upload.name, error=_too_large(upload.name)))
            continue
        data = upload.read()
        report = prepare(upload.name, data, parent, known)
        rows.append(_preview_row(report, parent, request))
        if not report.error:
            path = default_storage.save(
                f"{UPLOADS}/{token}/{index:03d}-{get_valid_filename(upload.name)}", ContentFile(data)
            )
            stored.append({"name": upload.name, "path": path})
    if stored:
        imports = request.session.get(SESSION_KEY, {})
        imports[token] = {"parent": parent.pk, "files": stored}
        request.session[SESSION_KEY] = imports
    context.update({"rows": rows, "token": token if stored else "", "parent": parent, "preview": True})
    return TemplateResponse(request, TEMPLATE, context)


@require_POST
def create_view(request: HttpRequest, token: str) -> HttpResponse:
    """Create the drafts of a previewed upload: each file in its own transaction."""
    imports = request.session.get(SESSION_KEY, {})
    upload = imports.pop(token, None)
    if upload is None:
        raise Http404
    request.session[SESSION_KEY] = imports
    parent = Page.objects.filter(pk=upload["parent"]).first()
    if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    parent = parent.specific
    known = KnownSnippets(parent.locale)
    created, failed = [], []
    for stored in upload["files"]:
        try:
            with default_storage.open(stored["path"]) as file:
                data = file.read()
        except OSError:
            failed.append((stored["name"], _("The uploaded file is gone: upload it again.")))
            continue
        report = prepare(stored["name"], data, parent, known)
        if report.error:
            failed.append((stored["name"], report.error))
            continue
        try:
            page = create(report, parent, known, user=request.user)
        except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
            failed.append((stored["name"], str(error)))
            continue
        created.append((stored["name"], page, len(report.notes)))
    for stored in upload["files"]:
        default_storage.delete(stored["path"])
    context = {
        "page_title": _("Import reports"),
        "header_icon": "doc-full-inverse",
        "created": created,
        "failed": failed,
        "parent": parent,
        "done": True,
    }
    return TemplateResponse(request, TEMPLATE, context)


def _too_large(name: str) -> str:
    return _("“%(name)s” is larger than %(limit)s MB: split it or save it as plain text.") % {
        "name": name,
        "limit": max_file_bytes() // (1024 * 1024),
    }


def _preview_row(report: PreparedReport, parent: Page, request: HttpRequest) -> PreviewRow:
    if report.error:
        return PreviewRow(source=report.source, error=report.error)
    new = [organisation.name for organisation in report.new_organisations]
    new += [person.name for person in report.new_people]
    new += [office.name for office in report.new_offices]
    page = draft_representation(report, parent, request)
    return PreviewRow(
        source=report.source,
        page=page,
        fields=_field_rows(page),
        warnings=report.warnings,
        unrecognised=len(report.unrecognised),
        new_snippets=new,
    )


def _names(rows: list[dict], key: str = "display_name") -> str:
    return "; ".join(
        row[key] + ("" if (row.get("organisation") or row.get("person") or {}).get("id") else " *") for row in rows
    )


def _contact_label(block: dict) -> str:
    value = block["value"]
    if block["type"] == "staff_contact":
        return value["person"]["name"] + ("" if value["person"]["id"] else " *")
    if block["type"] == "office":
        office = value["office"]
        return f"{office['name']}: {', '.join(office['address']['lines'])}" + ("" if office["id"] else " *")
    return " ".join(filter(None, [value["label"], (value["phone"] or {}).get("display", ""), value["email"] or ""]))


def _field_rows(page: dict) -> list[tuple[str, str]]:
    """The draft's fields as label and text, for editors to check at a glance; * marks what is new."""
    label = EventReportPage._meta.get_field
    quotes = [block["value"] for block in page["body"] if block["type"] == "quote"]
    rows = [
        (_("Title"), page["title"]),
        (label("event_kind").verbose_name, dict(EventKind.choices).get(page["event_kind"], "")),
        (label("event_date").verbose_name, page["event_date"] or "—"),
        (label("event_end_date").verbose_name, page["event_end_date"] or "—"),
        (label("city").verbose_name, page["city"]),
        (label("region").verbose_name, page["region"]),
        (label("venue").verbose_name, page["venue"]),
        (_("Organisers"), _names(page["organisers"])),
        (_("Moderators"), _names(page["moderators"], "public_name")),
        (_("Participating organisations"), _names(page["participants"])),
        (_("Goals"), "; ".join(row["text"] for row in page["goals"])),
        (_("Outcomes"), "; ".join(row["text"] for row in page["outcomes"])),
        (_("Quotes"), "; ".join(f"{quote['speaker']['name']} ({quote['speaker']['role']})" for quote in quotes)),
        (_("Contacts"), "; ".join(_contact_label(block) for block in page["contacts"])),
    ]
    return [(str(name), value) for name, value in rows if value]


def _delete_stale_uploads() -> None:
    """Uploads of previews nobody confirmed, older than a day."""
    try:
        tokens, _files = default_storage.listdir(UPLOADS)
    except (FileNotFoundError, NotImplementedError):
        return
    for token in tokens:
        folder = f"{UPLOADS}/{token}"
        _folders, names = default_storage.listdir(folder)
        for name in names:
            path = f"{folder}/{name}"
            try:
                stale = timezone.now() - default_storage.get_modified_time(path) > STALE_AFTER
            except (NotImplementedError, OSError):
                stale = False
            if stale:
                default_storage.delete(path)
