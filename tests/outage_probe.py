"""Another process of the site, for fault tests: ``python -m tests.outage_probe '{"paths": [...], "settings": {...}}'``.

It starts Django the way a worker does (test settings, the environment's DATABASE_URL), applies the given
setting overrides, requests each path with the test client and prints one JSON line per answer: status,
Content-Type, Retry-After and the start of the body. A second process is what a second worker is: its own
memory, its own connections, and a database or cache that may not be there.
"""

import json
import os
import sys


def main(config: dict) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(**config.get("settings", {})):
        client = Client(raise_request_exception=False)
        for path in config["paths"]:
            response = client.get(path)
            answer = {
                "status": response.status_code,
                "content_type": response.get("Content-Type", ""),
                "retry_after": response.get("Retry-After"),
                "body": response.content[:500].decode(errors="replace"),
            }
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
