"""Admin URLs of the translation tools; the guarded ones shadow wagtail-localize's at the same paths."""

from django.urls import URLPattern, path

from . import views

# projects comes before wagtail_localize in INSTALLED_APPS, so these paths are matched first.
LOCALIZE = "localize/translate/<int:translation_id>/"

urlpatterns: list[URLPattern] = [
    path(
        "reports/translation-status/",
        views.TranslationStatusReportView.as_view(),
        name="kronika_translation_status",
    ),
    path(
        "reports/translation-status/results/",
        views.TranslationStatusReportView.as_view(results_only=True),
        name="kronika_translation_status_results",
    ),
    path("reports/translation-status/translate/", views.translate_missing_view, name="kronika_translate_missing"),
    path(
        "reports/translation-status/translate/<str:run_id>/",
        views.translate_missing_progress_view,
        name="kronika_translate_missing_progress",
    ),
    path(f"{LOCALIZE}submit-for-review/", views.submit_for_review_view, name="kronika_submit_for_review"),
    path(f"{LOCALIZE}strings/<int:string_segment_id>/edit/", views.edit_string_translation),
    path(f"{LOCALIZE}overrides/<int:overridable_segment_id>/edit/", views.edit_override),
    path(f"{LOCALIZE}pofile/upload/", views.upload_pofile),
    path(f"{LOCALIZE}machine_translate/", views.machine_translate),
    path(f"{LOCALIZE}disable/", views.stop_translation),
]
