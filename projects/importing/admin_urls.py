"""Admin URLs of the importer."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("reports/import/", views.import_view, name="kronika_import_reports"),
    path("reports/import/<str:token>/create/", views.create_view, name="kronika_import_reports_create"),
]
