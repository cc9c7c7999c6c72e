"""Run inside the host site of tests/test_plugin_install.py (`manage.py shell -c`), never by pytest here.

Creates a program, a project and a report through the ORM below the host's own HomePage, then reads the report back
through the API and its HTML page with Django's test client, and prints what it got as one JSON line after RESULT.
"""

import datetime
import json

from django.test import Client, override_settings

from home.models import HomePage
from projects.models import (
    EventReportPage,
    FundingProgramIndexPage,
    FundingProgramPage,
    ProjectFunding,
    ProjectIndexPage,
    ProjectPage,
)

home = HomePage.objects.get()
programs = home.add_child(instance=FundingProgramIndexPage(title="Programs", slug="programs"))
program = programs.add_child(instance=FundingProgramPage(title="Civic Fund", slug="civic-fund", first_year=2025))
project_index = home.add_child(instance=ProjectIndexPage(title="Projects", slug="projects"))
project = ProjectPage(title="River Watch", slug="river-watch", summary="Volunteers watch the river.")
project.funding = [ProjectFunding(program=program)]
project_index.add_child(instance=project)
report = project.add_child(
    instance=EventReportPage(
        title="Spring clean-up on the Wisła",
        slug="spring-clean-up",
        event_kind="workshop",
        event_date=datetime.date(2026, 4, 18),
        city="Kraków",
        summary="Forty volunteers cleaned two kilometres of the bank.",
    )
)

client = Client(HTTP_HOST="localhost")
listing = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": "*"})
page_path = report.get_url()
polish_page = client.get(page_path, HTTP_ACCEPT_LANGUAGE="pl")
with override_settings(KRONIKA_BASE_TEMPLATE="projects/layout.html"):
    own_layout_page = client.get(page_path, HTTP_ACCEPT_LANGUAGE="en")
openapi = client.get("/api/v2/openapi.json")
feed = client.get("/feeds/en/reports.atom")

print(
    "RESULT",
    json.dumps(
        {
            "listing": {"status": listing.status_code, "etag": listing.get("ETag"), "body": listing.json()},
            "page": {"path": page_path, "status": polish_page.status_code, "html": polish_page.content.decode()},
            "own_layout_page": {"status": own_layout_page.status_code, "html": own_layout_page.content.decode()},
            "openapi_status": openapi.status_code,
            "feed": {"status": feed.status_code, "body": feed.content.decode()},
        }
    ),
)
