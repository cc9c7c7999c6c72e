"""manage.py rebuild_search_documents: every search document again, from the live, public content."""

import time

from django.core.management.base import BaseCommand

from projects.search.index import rebuild_all


class Command(BaseCommand):
    help = "Rebuild every search document from the live, public content (after a bulk import or an upgrade)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = rebuild_all(progress_stream=self.stderr if options["verbosity"] else None)
        if options["verbosity"]:
            self.stdout.write(f"{count} search documents in {time.perf_counter() - started:.1f} s")
