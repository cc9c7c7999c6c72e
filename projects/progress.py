"""Progress bars for the long commands (snapshots, search documents, imports, the benchmark's content)."""

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

Item = TypeVar("Item")


def progress(items: Iterable[Item], description: str, total: int | None = None, *, stream=sys.stderr) -> Iterator[Item]:
    """Yield ``items`` while drawing a bar on ``stream`` (left on screen when done); no bar when ``stream`` is None.

    Commands pass their stderr, so that their own output (``--json``, summaries) stays clean to pipe. A stream
    that is not a terminal (CI, a log file) gets no animation, only the finished bar.
    """
    if stream is None:
        yield from items
        return
    with _bar(stream) as bar:
        yield from bar.track(items, total=total, description=description)


@contextmanager
def counting(total: int, description: str, *, stream=sys.stderr) -> Iterator[Callable[[int], None]]:
    """A bar for work that reports how much it did (``advance(n)`` after each batch); no bar when ``stream`` is None."""
    if stream is None:
        yield lambda done: None
        return
    with _bar(stream) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.advance(task, done)


def _bar(stream) -> Progress:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=Console(file=_raw(stream)))


def _raw(stream) -> IO[str]:
    """A management command's OutputWrapper ends every write with a newline, which would break the bar's redraws."""
    return getattr(stream, "_out", stream)
