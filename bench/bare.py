"""The bare peer: a JsonResponse of the same payload as Kronika's answer, through the same middleware.

The payloads are Kronika's own answers, captured by the bench before it measures; the server reads
them from the JSON file named by KRONIKA_BENCH_BARE_PAYLOADS. Whatever a bare view costs (URL routing,
middleware, JSON encoding of the payload) is what any API on this stack pays at least.
"""

import json
import os
from pathlib import Path

from django.http import Http404, HttpRequest, JsonResponse

PAYLOADS: dict[str, object] = {}


def load_payloads() -> None:
    path = os.environ.get("KRONIKA_BENCH_BARE_PAYLOADS")
    if path and Path(path).is_file():
        PAYLOADS.update(json.loads(Path(path).read_text()))


def bare(request: HttpRequest, name: str) -> JsonResponse:
    if not PAYLOADS:
        load_payloads()
    if name not in PAYLOADS:
        raise Http404(name)
    return JsonResponse(PAYLOADS[name], json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
