"""``python -m bench.driver PORT SECONDS PATH [HEADER:VALUE...]``: requests per second of one client, as JSON.

Run by the bench in a process of its own, so the client's Python never shares an interpreter with the
server's. One connection, kept alive where the server keeps it (gunicorn's sync workers close it after
each answer, so the client opens the next): requests one after another, as fast as they are answered,
accepting gzip as partners' clients do (the client does not decompress: its own time is not measured).
"""

import http.client
import json
import sys
import time


def drive(port: int, seconds: float, path: str, headers: dict[str, str]) -> dict:
    # As partners' HTTP clients and browsers ask: they accept gzip (requests, fetch, curl --compressed).
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip", **headers}
    statuses: dict[int, int] = {}
    connection = None
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.will_close:
            connection.close()
            connection = None
        done += 1
    elapsed = time.perf_counter() - started
    return {
        "requests": done,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(done / elapsed, 1),
        "statuses": statuses,
    }


def main(argv: list[str]) -> None:
    port, seconds, path = int(argv[0]), float(argv[1]), argv[2]
    headers = dict(header.split(":", 1) for header in argv[3:])
    print(json.dumps(drive(port, seconds, path, headers)))


if __name__ == "__main__":
    main(sys.argv[1:])
