"""Bulk machine translation as a background task, reporting its progress through the cache."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django_tasks import task
from wagtail.models import Locale

from .machine import MachineTranslationUnavailable, translate_missing

PROGRESS_TIMEOUT = 60 * 60 * 24


def progress_key(run_id: str) -> str:
    return f"kronika:translate-missing:{run_id}"


def read_progress(run_id: str) -> dict | None:
    return cache.get(progress_key(run_id))


def write_progress(run_id: str, **values) -> None:
    progress = read_progress(run_id) or {}
    progress.update(values)
    cache.set(progress_key(run_id), progress, PROGRESS_TIMEOUT)


@task()
def translate_missing_task(run_id: str, language_code: str, user_id: int | None) -> None:
    locale = Locale.objects.get(language_code=language_code)
    user = get_user_model().objects.filter(pk=user_id).first()
    write_progress(run_id, locale=language_code, done=0, total=0, current="", finished=False)
    try:
        run = translate_missing(
            locale,
            user=user,
            progress=lambda done, total, label: write_progress(run_id, done=done, total=total, current=label),
        )
    except MachineTranslationUnavailable as error:
        write_progress(run_id, finished=True, error=str(error), translated=[], failed=[])
        return
    write_progress(
        run_id,
        finished=True,
        total=run.total,
        translated=run.translated,
        failed=[[label, errors] for label, errors in run.failed],
    )
