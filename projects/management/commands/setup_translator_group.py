"""Create the group of translators into one or more locales."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Locale

from projects.localization.roles import TranslatorSetupError, setup_translator_group


class Command(BaseCommand):
    help = "Create or update a translators' group: edit translations in its locales and submit them for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale", action="append", required=True, help="Language code, e.g. en; repeat for more locales."
        )

    def handle(self, *args, locale: list[str], **options) -> None:
        codes = sorted(set(locale))
        locales = list(Locale.objects.filter(language_code__in=codes))
        unknown = sorted(set(codes) - {loc.language_code for loc in locales})
        if unknown:
            raise CommandError(f"There is no locale {', '.join(unknown)}.")
        if Locale.get_default() in locales:
            raise CommandError("Translators do not edit the source language; choose target locales only.")
        try:
            group = setup_translator_group(locales)
        except TranslatorSetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Group “{group.name}”: add translators to it in Settings → Users."))
