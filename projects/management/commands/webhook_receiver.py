"""A local webhook receiver for trying webhooks out: it listens on 127.0.0.1 and prints each verified delivery."""

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects.webhooks.signing import SIGNATURE_HEADER, verify


class Command(BaseCommand):
    help = (
        "Listen on 127.0.0.1 for Kronika webhooks, verify each signature with the subscription's secret and print "
        "the deliveries. Subscribe http://127.0.0.1:PORT/ in the admin (Settings → Webhooks) first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8189, help="Port on 127.0.0.1 (default 8189).")
        parser.add_argument("--secret", required=True, help="The subscription's secret, shown when it was created.")

    def handle(self, *args, port: int, secret: str, **options) -> None:
        command = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
                if not verify(self.headers.get(SIGNATURE_HEADER, ""), secret, body):
                    command.stderr.write(f"Refused a delivery with a bad or old signature ({len(body)} bytes).")
                    self.send_response(400)
                    self.end_headers()
                    return
                event = json.loads(body)
                item = event.get("item") or {}
                detail_url = (event.get("object") or {}).get("detail_url") or ""
                label = item.get("title") or item.get("name") or ""
                command.stdout.write(
                    f"{event['created_at']}  {event['type']:<22} {event.get('locale') or '-':<3} "
                    f"{detail_url}  {label}  (event {event['id']})"
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError as error:
            raise CommandError(f"Cannot listen on 127.0.0.1:{port}: {error}") from error
        self.stdout.write(f"Listening on http://127.0.0.1:{port}/ — press Ctrl+C to stop.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
