"""The bench's table, its targets (issue 15) and its chart, from the results of this run and earlier ones."""

import json
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 2)


def _cell(value) -> str:
    return "-" if value is None else str(value)


def rows_table(results: dict) -> list[list[str]]:
    """In process: p50/p95 and queries of each peer; ratios of Kronika's p50 to stock's and to bare's."""
    table = [
        [
            "in process (test client)",
            "queries",
            "p50 ms",
            "p95 ms",
            "stock q",
            "stock p50",
            "bare p50",
            "K/stock",
            "K/bare",
        ]
    ]
    for row in results["rows"]:
        kronika, stock, bare = row["kronika"], row.get("stock"), row.get("bare")
        table.append(
            [
                row["name"],
                _cell(kronika["queries"]),
                _cell(kronika["p50_ms"]),
                _cell(kronika["p95_ms"]),
                _cell(stock and stock["queries"]),
                _cell(stock and stock["p50_ms"]),
                _cell(bare and bare["p50_ms"]),
                _cell(_ratio(kronika["p50_ms"], stock and stock["p50_ms"])),
                _cell(_ratio(kronika["p50_ms"], bare and bare["p50_ms"])),
            ]
        )
    return table


def server_table(results: dict) -> list[list[str]]:
    table = [["gunicorn, 1 worker (req/s)", "Kronika", "stock", "bare", "K/stock", "K/bare"]]
    for row in results["server"]:
        table.append(
            [
                row["name"],
                _cell(row["kronika"]),
                _cell(row.get("stock")),
                _cell(row.get("bare")),
                _cell(_ratio(row["kronika"], row.get("stock"))),
                _cell(_ratio(row["kronika"], row.get("bare"))),
            ]
        )
    return table


def server_cpu_table(results: dict) -> list[list[str]]:
    """The worker's CPU per request: what each answer costs the server, whatever else the machine runs."""
    table = [["gunicorn worker CPU ms per request", "Kronika", "stock", "bare", "K/stock", "K/bare"]]
    for row in results["server"]:
        cpu = row.get("cpu_ms") or {}
        table.append(
            [
                row["name"],
                _cell(cpu.get("kronika")),
                _cell(cpu.get("stock")),
                _cell(cpu.get("bare")),
                _cell(_ratio(cpu.get("kronika"), cpu.get("stock"))),
                _cell(_ratio(cpu.get("kronika"), cpu.get("bare"))),
            ]
        )
    return table


def _row(results: dict, name: str) -> dict | None:
    return next((row for row in results["rows"] if row["name"] == name), None)


def _server_row(results: dict, name: str) -> dict | None:
    return next((row for row in results["server"] if row["name"] == name), None)


def targets(results: dict, smaller: dict | None) -> list[dict]:
    """Issue 15's targets as ratios from this run; growth against the 2,000-report run of the same database."""
    found = []

    def target(name: str, value, goal: str, met: bool | None) -> None:
        found.append({"target": name, "value": value, "goal": goal, "met": met})

    list20, list100 = _row(results, "listing 20"), _row(results, "listing 100")
    if smaller is not None and smaller is not results:
        for name in ("listing 20", "listing 20, first after a change"):
            now, before = _row(results, name), _row(smaller, name)
            if now is None or before is None:
                continue
            growth = _ratio(now["kronika"]["p50_ms"], before["kronika"]["p50_ms"])
            target(f"{name} at {results['size']} vs {smaller['size']}", growth, "<= 1.2x", growth <= 1.2)
    queries = max(list20["kronika"]["queries"], list100["kronika"]["queries"])
    target(
        "queries at 20 and 100 items",
        queries,
        "<= 8, equal",
        queries <= 8 and list20["kronika"]["queries"] == list100["kronika"]["queries"],
    )
    for row in (list20, list100):
        value = _ratio(row["kronika"]["p50_ms"], row["stock"]["p50_ms"])
        target(f"uncached {row['name']} vs stock", value, "<= 0.25x", value <= 0.25)
    detail = _row(results, "detail")
    value = _ratio(detail["kronika"]["p50_ms"], detail["stock"]["p50_ms"])
    target("detail vs stock", value, "<= 0.5x", value <= 0.5)
    for name in ("listing 20, server cache hit", "304 (If-None-Match)"):
        server, in_process = _server_row(results, name), _row(results, name)
        value = _ratio(server["kronika"], server["bare"]) if server else None
        target(f"{name} vs bare JsonResponse (req/s)", value, ">= 2x", value is not None and value >= 2)
        cpu = (server or {}).get("cpu_ms") or {}
        # Requests per worker CPU-second: the bare view's CPU per request over Kronika's.
        value = _ratio(cpu.get("bare"), cpu.get("kronika"))
        target(f"{name} vs bare JsonResponse (req per worker CPU-s)", value, ">= 2x", value is not None and value >= 2)
        target(f"{name}: queries", in_process["kronika"]["queries"], "0", in_process["kronika"]["queries"] == 0)
    snapshots = results["build_seconds"].get("api_snapshots")
    if snapshots is not None:
        per_thousand = round(snapshots / results["live_pages"] * 1000, 1)
        target("snapshot rebuild, s per 1,000 pages", per_thousand, "<= 10", per_thousand <= 10)
    return found


def _text(table: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [
        " | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in table
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(table[0]) + " |", "|" + "|".join(["---"] + ["---:"] * (len(table[0]) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines)


def _targets_table(found: list[dict]) -> list[list[str]]:
    marks = {True: "met", False: "MISSED", None: "-"}
    return [["target", "value", "goal", ""]] + [
        [item["target"], _cell(item["value"]), item["goal"], marks[item["met"]]] for item in found
    ]


def _heading(results: dict) -> str:
    return (
        f"{results['database']}, {results['size']} reports ({results['live_pages']} live pages), "
        f"{results['measured_at']}; built in {results['build_seconds']} s. {results['machine']}"
    )


def as_text(results: dict) -> str:
    return "\n\n".join(
        [
            _heading(results),
            _text(rows_table(results)),
            _text(server_table(results)),
            _text(server_cpu_table(results)),
            _text(_targets_table(results["targets"])),
        ]
    )


def as_markdown(results: dict) -> str:
    return (
        "\n\n".join(
            [
                _heading(results),
                _markdown(rows_table(results)),
                _markdown(server_table(results)),
                _markdown(server_cpu_table(results)),
                _markdown(_targets_table(results["targets"])),
            ]
        )
        + "\n"
    )


def stored_results() -> list[dict]:
    # <database>-<size>.json: the runs of bench itself, not bench.growth's growth.json beside them.
    return [json.loads(path.read_text()) for path in sorted(RESULTS_DIR.glob("*-[0-9]*.json"))]


def write(results: dict) -> list[Path]:
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = f"{results['database']}-{results['size']}"
    json_path, markdown_path = RESULTS_DIR / f"{stem}.json", RESULTS_DIR / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    markdown_path.write_text(as_markdown(results))
    return [json_path, markdown_path, chart(stored_results())]


def chart(all_results: list[dict]) -> Path:
    """Left: Kronika's ratios to stock and bare in each stored run; right: listing latency against archive size."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, (ratios, growth) = pyplot.subplots(1, 2, figsize=(13, 5))
    names = ["listing 20", "listing 100", "detail"]
    server_names = ["listing 20, server cache hit", "304 (If-None-Match)"]
    labels = [f"{name}\n(p50 K/stock)" for name in names] + ["cache hit\n(req/s K/bare)", "304\n(req/s K/bare)"]
    width = 0.8 / max(len(all_results), 1)
    for index, results in enumerate(all_results):
        values = [
            _ratio(_row(results, n)["kronika"]["p50_ms"], _row(results, n)["stock"]["p50_ms"]) or 0 for n in names
        ]
        values += [
            _ratio(row["kronika"], row["bare"]) or 0 if (row := _server_row(results, n)) else 0 for n in server_names
        ]
        positions = [position + index * width for position in range(len(labels))]
        ratios.bar(positions, values, width, label=f"{results['database']} {results['size']}")
    ratios.axhline(1, color="grey", linewidth=0.8)
    ratios.set_xticks([position + width * (len(all_results) - 1) / 2 for position in range(len(labels))])
    ratios.set_xticklabels(labels, fontsize=7)
    ratios.set_yscale("log")
    ratios.set_title("Kronika / peer (below 1 faster for latency, above 1 better for req/s)")
    ratios.legend(fontsize=7)
    for database in sorted({results["database"] for results in all_results}):
        runs = sorted((r for r in all_results if r["database"] == database), key=lambda r: r["size"])
        sizes = [r["size"] for r in runs]
        for peer, style in (("kronika", "o-"), ("stock", "s--")):
            growth.plot(
                sizes,
                [_row(r, "listing 20")[peer]["p50_ms"] for r in runs],
                style,
                label=f"{peer} listing 20, {database}",
            )
    growth.set_xscale("log")
    growth.set_yscale("log")
    growth.set_xlabel("reports in the archive")
    growth.set_ylabel("p50 ms, in process")
    growth.set_title("Listing of 20 (fields=*) against archive size")
    growth.legend(fontsize=7)
    figure.tight_layout()
    path = RESULTS_DIR / "bench.png"
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
    return path
