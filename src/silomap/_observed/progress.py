"""The engine's progress on a long run, drawn on standard error, never on standard output.

DuckDB draws its own progress bar on standard output, where it would break ``observe --json``
(and any output piped on). So silomap turns DuckDB's drawing off and draws the bar itself on
standard error: a thread asks DuckDB how far the running statement is (``query_progress``) a few
times a second, and draws only once a run has lasted :data:`AFTER` seconds, as DuckDB does. The
CLI asks for it only when standard error is a terminal. Spark draws its stage progress on standard
error itself.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["AFTER", "EVERY", "bar", "drawn"]

AFTER = 2.0  # seconds a run lasts before its progress is drawn
EVERY = 0.2  # seconds between two looks at the progress
WIDTH = 30


def bar(percent: float) -> str:
    """One state of the bar, drawn over the last (``\\r``).

    >>> bar(42.0)
    '\\r 42% [#############                 ]'
    """
    filled = round(WIDTH * min(max(percent, 0.0), 100.0) / 100)
    return f"\r{percent:3.0f}% [{'#' * filled}{' ' * (WIDTH - filled)}]"


@contextmanager
def drawn(progress: Callable[[], float], out: TextIO | None = None) -> Iterator[None]:
    """While the block runs, draw ``progress()`` (a percentage; negative: nothing running) on ``out``
    (standard error), once the block has lasted :data:`AFTER` seconds; the line is cleared at the end.

    >>> import io
    >>> out = io.StringIO()
    >>> with drawn(lambda: 50.0, out):
    ...     pass
    >>> out.getvalue()  # over at once: nothing drawn
    ''
    """
    stream = sys.stderr if out is None else out
    done = threading.Event()
    shown = threading.Event()
    start = time.monotonic()

    def draw() -> None:
        last = ""
        while not done.wait(EVERY):
            percent = progress()
            if percent >= 0 and time.monotonic() - start >= AFTER and (now := bar(percent)) != last:
                stream.write(now)
                stream.flush()
                shown.set()
                last = now

    thread = threading.Thread(target=draw, name="silomap-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            stream.write("\r" + " " * (len(bar(100.0)) - 1) + "\r")
            stream.flush()
