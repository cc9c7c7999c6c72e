"""Production settings refuse unsafe configuration; each case starts Django in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

BASE_DIR = Path(__file__).resolve().parent.parent
SAMPLE_KEY = "k7Vq2pX9mZ4rT1wY8nB3cF6hJ0sL5dG2aQ9eR4tU7iO1pK3xV8zN6mC0bW5yH2jE"
SAMPLE_PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": SAMPLE_KEY,
    "ALLOWED_HOSTS": "kronika.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://kronika.example.org",
    "WAGTAILADMIN_BASE_URL": "https://kronika.example.org",
}
# Anything the caller's shell may have set must not leak into the cases.
CONFIGURATION = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
}


def run_django(args: list[str], tmp_path: Path, **environment: str | None) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in CONFIGURATION}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **SAMPLE_PRODUCTION})
    for name, value in environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short-a-key"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-" + SAMPLE_KEY}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must list"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS must list"),
        ({"ALLOWED_HOSTS": "*"}, "'*' is refused"),
        ({"ALLOWED_HOSTS": "kronika.example.org,*"}, "'*' is refused"),
        ({"WAGTAILADMIN_BASE_URL": None}, "WAGTAILADMIN_BASE_URL must be"),
        ({"WAGTAILADMIN_BASE_URL": "kronika.example.org"}, "WAGTAILADMIN_BASE_URL must be"),
        ({"SECURE_SSL_REDIRECT": "maybe"}, "SECURE_SSL_REDIRECT must be true or false"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS must be a whole number"),
    ],
)
def test_production_refuses_to_start_with_unsafe_configuration(tmp_path, environment, message):
    result = run_django(["-c", "import django; django.setup()"], tmp_path, **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_sample_values(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    )

    result = run_django(["-c", code], tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['kronika.example.org']"


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_ensure_dev_admin_is_refused_when_debug_is_off(db, settings, django_user_model):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="local development only"):
        call_command("ensure_dev_admin")

    assert not django_user_model.objects.filter(username="admin").exists()


def test_ensure_dev_admin_makes_the_printed_user_in_development(db, settings, django_user_model, capsys):
    settings.DEBUG = True

    call_command("ensure_dev_admin")
    call_command("ensure_dev_admin")

    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser and user.check_password("kronika-admin")
    assert "user admin, password kronika-admin" in capsys.readouterr().out
