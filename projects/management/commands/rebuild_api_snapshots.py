"""Builds the API snapshot of every live page again, and drops those of pages the API no longer serves."""

from django.core.management.base import BaseCommand, CommandParser
from wagtail.models import Page

from projects.api.snapshots import build_snapshot
from projects.models import PageAPISnapshot
from projects.progress import progress


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
        built = sum(
            build_snapshot(page_id)
            for page_id in progress(page_ids, "API snapshots", stream=self.stderr if verbosity >= 1 else None)
        )
        not_served = len(page_ids) - built
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {built} API snapshots; {not_served} live pages are not served by the API "
                f"(private or outside any site); dropped {dropped} snapshots of pages no longer live."
            )
        )
