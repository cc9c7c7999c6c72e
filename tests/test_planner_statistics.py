"""After a bulk change the database's planner knows how the API's tables look (projects.planner_statistics)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def _statistics_rows(table: str) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0]


def test_rebuilding_the_snapshots_after_a_deploy_refreshes_the_planner_statistics(site_tree):
    before = _statistics_rows(Page._meta.db_table)

    call_command("rebuild_api_snapshots", stdout=StringIO())

    assert before == 0
    assert _statistics_rows(Page._meta.db_table) > 0
