"""Feed URLs: include at /feeds/ (``path("feeds/", include("projects.feeds.urls"))``)."""

from django.urls import path

from .views import AtomReportFeed, json_report_feed

app_name = "kronika-feeds"

urlpatterns = [
    path("<str:language>/reports.atom", AtomReportFeed.view(), name="all-atom"),
    path("<str:language>/reports.json", json_report_feed, name="all-json"),
    path("<str:language>/projects/<int:object_id>/reports.atom", AtomReportFeed.view("project"), name="project-atom"),
    path(
        "<str:language>/projects/<int:object_id>/reports.json",
        json_report_feed,
        {"kind": "project"},
        name="project-json",
    ),
    path("<str:language>/programs/<int:object_id>/reports.atom", AtomReportFeed.view("program"), name="program-atom"),
    path(
        "<str:language>/programs/<int:object_id>/reports.json",
        json_report_feed,
        {"kind": "program"},
        name="program-json",
    ),
]
