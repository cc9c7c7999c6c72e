"""Creates (or resets) the local development admin user and prints its credentials."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_USERNAME = "admin"
DEV_PASSWORD = "kronika-admin"  # noqa: S105 - printed on purpose; refused outside DEBUG


class Command(BaseCommand):
    help = "Ensure a local superuser admin/kronika-admin exists. Development only: refused when DEBUG is off."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development only (DEBUG is off).")
        user, created = get_user_model().objects.get_or_create(
            username=DEV_USERNAME, defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(DEV_PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the development admin: user {DEV_USERNAME}, password {DEV_PASSWORD}")
        )
        self.stdout.write("Admin: http://127.0.0.1:8000/admin/   API: http://127.0.0.1:8000/api/v2/")
