"""Builds the demo site from home/demo/kronika_demo.toml; a second run changes nothing."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from home.demo.builder import build_demo
from home.demo.data import DEMO_DATA_PATH, DemoDataError, load_demo_data

QUIET_LOGGERS = ("wagtail", "django_tasks")


class Command(BaseCommand):
    help = (
        "Build the demo content (two event reports with their projects, program, organisations, people, "
        "offices and placeholder photos), all published. Safe to run again: only what the data file "
        "changed is updated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data",
            type=Path,
            default=DEMO_DATA_PATH,
            help=f"The TOML data file to load (default: {DEMO_DATA_PATH.name} shipped with Kronika).",
        )

    def handle(self, *args, data: Path, verbosity: int, **options) -> None:
        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(message)

        # Wagtail logs every page action and each background task at INFO: detail only -v2 asks for.
        loggers = {name: logging.getLogger(name) for name in QUIET_LOGGERS}
        levels = {name: logger.level for name, logger in loggers.items()}
        if verbosity < 2:
            for logger in loggers.values():
                logger.setLevel(logging.WARNING)
        try:
            # The loader reports in English: the model names and validation messages in its errors must match.
            with translation.override("en"):
                build_demo(load_demo_data(data), progress)
        except DemoDataError as error:
            raise CommandError(f"{str(error).rstrip('.')}. Nothing was changed.") from error
        finally:
            for name, logger in loggers.items():
                logger.setLevel(levels[name])
