"""Progress on long work: a bar drawn by `rich <https://rich.readthedocs.io>`_ on standard error,
only where someone is watching.

silomap's long work (``observe`` and ``draft`` on a large log, ``fixes`` on a large model,
``history`` over a long git log, the report's diagrams) shows how far it has come: a bar on standard
error, never on standard output (where JSON, CSV or a report goes). ``progress=None`` (the default)
draws it when standard error is a terminal, or in a Jupyter notebook with ipywidgets (rich draws it
as a widget there); ``False`` (the CLI's ``--quiet``) never; ``True`` always (rich draws nothing
animated where standard error is not a terminal). A bar appears once the work has lasted
:data:`AFTER` seconds, so that quick work never flickers, and is cleared when the work ends.

An engine's own progress (DuckDB's ``query_progress``, a percentage) is asked for a few times a
second by :func:`polled`.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["AFTER", "EVERY", "Tick", "bar", "polled", "shown"]

AFTER = 1.0  # seconds the work lasts before its bar appears
EVERY = 0.2  # seconds between two looks at an engine's progress

Tick = Callable[[float], None]  # the work done so far, in the bar's units


def _terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


def _notebook() -> bool:
    """In a Jupyter kernel, where ipywidgets lets rich draw its bar."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    kernel = type(shell).__name__ == "ZMQInteractiveShell"
    return kernel and importlib.util.find_spec("ipywidgets") is not None


def shown(progress: bool | None) -> bool:
    """Whether to draw a bar: as asked, or (``None``) when standard error is a terminal or in a
    notebook.

    >>> shown(False), shown(True), shown(None)  # doctest runs with standard error captured
    (False, True, False)
    """
    return (_terminal() or _notebook()) if progress is None else progress


def _nothing(done: float) -> None:
    """The tick of a bar nobody sees."""


@contextmanager
def bar(what: str, total: float | None, *, progress: bool | None) -> Iterator[Tick]:
    """A bar for ``what`` out of ``total`` units (``None``: unknown); yields the tick that tells it
    how much is done. Nothing is drawn unless :func:`shown`, nor before :data:`AFTER` seconds.

    >>> with bar("fixes", 3, progress=False) as tick:
    ...     tick(1)
    """
    if not shown(progress):
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    drawn = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = drawn.add_task(what, total=total)
    start, started = time.monotonic(), threading.Event()
    lock = threading.Lock()

    def tick(done: float) -> None:
        drawn.update(task, completed=done)
        with lock:
            if not started.is_set() and time.monotonic() - start >= AFTER:
                drawn.start()
                started.set()

    try:
        yield tick
    finally:
        with lock:
            if started.is_set():
                drawn.stop()


@contextmanager
def polled(what: str, percent: Callable[[], float], *, progress: bool | None) -> Iterator[None]:
    """While the block runs, ask ``percent()`` (negative: nothing running) every :data:`EVERY`
    seconds and draw it as :func:`bar` does.

    >>> with polled("observe", lambda: 50.0, progress=False):
    ...     pass
    """
    if not shown(progress):
        yield
        return
    done = threading.Event()
    with bar(what, 100.0, progress=True) as tick:

        def look() -> None:
            while not done.wait(EVERY):
                now: Any = percent()
                if now >= 0:
                    tick(float(now))

        thread = threading.Thread(target=look, name="silomap-progress", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()
