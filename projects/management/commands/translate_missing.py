"""Machine-translate every page and snippet that is missing or out of date in one locale."""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Locale

from projects.localization.machine import MachineTranslationUnavailable, translate_missing

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Machine-translate everything missing or out of date in a locale (one transaction per page or snippet)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locale", required=True, help="Language code of the target locale, e.g. en.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be translated; change nothing.")

    def handle(self, *args, locale: str, dry_run: bool, **options) -> None:
        try:
            target = Locale.objects.get(language_code=locale)
        except Locale.DoesNotExist as error:
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True).order_by("language_code"))
            raise CommandError(f"There is no locale {locale!r}. Locales: {codes}.") from error
        try:
            run = translate_missing(target, dry_run=dry_run, progress=self.show_progress)
        except MachineTranslationUnavailable as error:
            raise CommandError(str(error)) from error
        if run.total and self.stdout.isatty():
            self.stdout.write("")
        verb = "Would translate" if dry_run else "Translated"
        for label in run.translated:
            self.stdout.write(f"{verb}: {label}")
        for label, errors in run.failed:
            self.stderr.write(f"Failed: {label}: {'; '.join(errors)}")
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(run.translated)} of {run.total} into {target.language_code}.")
            if run.total
            else f"Nothing is missing or out of date in {target.language_code}."
        )
        if run.failed:
            raise CommandError(f"{len(run.failed)} could not be translated: see the messages above.")

    def show_progress(self, done: int, total: int, label: str) -> None:
        filled = BAR_WIDTH * done // total
        line = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {label[:50]}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line:<100}", ending="")
            sys.stdout.flush()
        else:
            self.stdout.write(line)
