"""Send the webhook deliveries whose next try is due: for task backends that cannot defer (run it from cron)."""

from django.core.management.base import BaseCommand

from projects.webhooks.tasks import send_due_retries


class Command(BaseCommand):
    help = "Enqueue the webhook deliveries waiting to retry whose next try is due."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_due_retries()} deliveries sent again.")
