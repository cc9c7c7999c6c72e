"""Builds the API snapshot of every live page again, and drops those of pages the API no longer serves."""

from django.core.management.base import BaseCommand, CommandParser
from wagtail.models import Page

from projects import planner_statistics
from projects.api.snapshots import build_snapshots
from projects.models import PageAPISnapshot
from projects.progress import counting


class Command(BaseCommand):
    help = (
        "Build the API snapshots of all live pages from their live versions (after a deploy that changed the API, "
        "or for content loaded without publishing). Safe to run again: the result is the same."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="Only build pages that have no snapshot (faster after an outage)."
        )

    def handle(self, *args, missing: bool, verbosity: int, **options) -> None:
        _, deleted = PageAPISnapshot.objects.exclude(page__live=True).delete()
        dropped = deleted.get(PageAPISnapshot._meta.label, 0)
        pages = Page.objects.live().order_by("path")
        if missing:
            pages = pages.filter(api_snapshot__isnull=True)
        page_ids = list(pages.values_list("pk", flat=True))
        done = 0
        # A bar on a terminal; in a log (or any other output) a line per batch.
        on_terminal = self.stdout.isatty()
        bar_stream = self.stdout if verbosity >= 1 and on_terminal else None
        with counting(len(page_ids), "API snapshots", stream=bar_stream) as advance:

            def report(pages: int) -> None:
                nonlocal done
                done += pages
                advance(pages)
                if verbosity >= 1 and not on_terminal:
                    self.stdout.write(f"{done}/{len(page_ids)} live pages done")

            built = build_snapshots(page_ids, progress=report)
        not_served = len(page_ids) - built
        # Run after a deploy or a bulk import: the planner's statistics are refreshed for what may have changed.
        planner_statistics.refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {built} API snapshots; {not_served} live pages are not served by the API "
                f"(private or outside any site); dropped {dropped} snapshots of pages no longer live."
            )
        )
