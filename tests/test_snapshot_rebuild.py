"""Snapshots are rebuilt in batches: what a batch inlines is loaded once, so its reads do not grow with its pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.api.snapshots import build_snapshots
from projects.models import EventReportPage, PageAPISnapshot

from .api_fixtures import build_reports

pytestmark = pytest.mark.django_db


def rebuild_reads(page_ids: list[int]) -> int:
    """The SELECTs of one rebuild (its writes are bulk inserts, split only by the database's parameter limit)."""
    PageAPISnapshot.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        built = build_snapshots(page_ids)
    assert built == len(page_ids)
    return sum(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


def test_rebuilding_more_reports_reads_no_more(site_tree):
    reports = [report.pk for report in build_reports(site_tree, 12)]
    rebuild_reads(reports)  # the sites' root paths and the like are then cached, as in any long-running process

    assert rebuild_reads(reports) == rebuild_reads(reports[:2])


def test_the_command_reports_its_progress_and_builds_every_served_page(site_tree):
    build_reports(site_tree, 3)
    out = StringIO()

    call_command("rebuild_api_snapshots", stdout=out)

    assert "live pages done" in out.getvalue()
    assert set(EventReportPage.objects.values_list("pk", flat=True)) <= set(
        PageAPISnapshot.objects.values_list("page_id", flat=True)
    )
