"""Keeps the delta-sync log from growing without end: each object's superseded entries go once old enough."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects.read_models import change_log

DEFAULT_DAYS = 30


class Command(BaseCommand):
    help = (
        "Delete change-log entries superseded by a later entry of the same object that is older than --days. "
        "Each object's latest entry stays, so partners that sync more often than that miss nothing. "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Keep every entry superseded less than this many days ago (default {DEFAULT_DAYS}).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 1:
            raise CommandError(f"--days must be at least 1, got {days}: partners need time to read the log.")
        removed = change_log.compact(datetime.timedelta(days=days))
        message = f"Removed {removed} change-log entries superseded more than {days} days ago."
        self.stdout.write(self.style.SUCCESS(message))
