"""Create the configured locales and each locale's home and index pages as translations."""

from django.core.management.base import BaseCommand, CommandError

from projects.localization.locales import ensure_locales, target_locales
from projects.localization.structure import translate_site_structure


class Command(BaseCommand):
    help = (
        "Create a locale for each language in KRONIKA_LANGUAGES and translate the home and index pages into "
        "each (through wagtail-localize, so translators find them in the status report). Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        for locale in ensure_locales():
            self.stdout.write(f"Created locale {locale.language_code}.")
        failures = translate_site_structure(target_locales())
        for label, errors in failures:
            self.stderr.write(f"Failed: {label}: {'; '.join(errors)}")
        if failures:
            raise CommandError(f"{len(failures)} pages could not be translated: see the messages above.")
        self.stdout.write(self.style.SUCCESS("Locales and their home and index pages are ready."))
