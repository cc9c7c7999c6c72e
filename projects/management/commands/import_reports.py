"""Import old reports (.txt, .md, .html, .docx) as draft event reports under a project or report index."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Locale

from projects.importing.builder import ImportRefused, create, draft_representation, parent_for_reports, prepare
from projects.importing.conf import max_file_bytes
from projects.importing.matcher import KnownSnippets
from projects.importing.readers import UnreadableFile
from projects.progress import progress


class Command(BaseCommand):
    help = "Read old reports and create one draft event report per file (nothing is published)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html or .docx files.")
        parser.add_argument("--parent", type=int, help="Id of the project or report index the drafts go under.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created; create nothing.")
        parser.add_argument("--json", action="store_true", help="Print a JSON list, one object per file.")

    def handle(self, *args, paths: list[str], parent: int | None, dry_run: bool, json: bool, **options) -> None:
        if parent is None and not dry_run:
            raise CommandError("Give --parent PAGE_ID (a project or report index), or use --dry-run.")
        try:
            parent_page = parent_for_reports(parent) if parent is not None else None
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        locale = parent_page.locale if parent_page is not None else Locale.get_default()
        known = KnownSnippets(locale)
        results, failed = [], 0
        show_progress = options["verbosity"] >= 1 and len(paths) > 1
        for path in progress(paths, "files", stream=self.stderr if show_progress else None):
            name = Path(path).name
            try:
                data = _read_bytes(Path(path))
            except UnreadableFile as error:
                results.append({"source": name, "error": str(error)})
                failed += 1
                continue
            report = prepare(name, data, parent_page, known)
            if report.error:
                results.append({"source": name, "error": report.error})
                failed += 1
                continue
            result = {
                "source": name,
                "page": draft_representation(report, parent_page),
                "warnings": report.warnings,
                "unrecognised": report.unrecognised,
            }
            if not dry_run:
                try:
                    page = create(report, parent_page, known)
                except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
                    results.append({"source": name, "error": f"{type(error).__name__}: {error}"})
                    failed += 1
                    continue
                result["created"] = {"id": page.pk, "title": page.title}
            results.append(result)
        self._report(results, as_json=json, dry_run=dry_run)
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files could not be imported: see the messages above.")

    def _report(self, results: list[dict], *, as_json: bool, dry_run: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2, default=str))
            return
        for result in results:
            if "error" in result:
                self.stderr.write(f"{result['source']}: {result['error']}")
                continue
            page = result["page"]
            verb = "would create" if dry_run else f"created draft {result['created']['id']}:"
            self.stdout.write(f"{result['source']}: {verb} “{page['title']}” ({page['event_date'] or 'no date'})")
            for warning in result["warnings"]:
                self.stdout.write(f"  ! {warning}")


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise UnreadableFile(f"“{path}” is not a file.")
    if path.stat().st_size > max_file_bytes():
        raise UnreadableFile(
            f"“{path.name}” is larger than {max_file_bytes() // (1024 * 1024)} MB: split it or save it as plain text."
        )
    return path.read_bytes()
