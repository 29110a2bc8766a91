"""The text of ``silomap history``: one line a commit; ``str(silomap.history(...))`` is the same."""

from __future__ import annotations

from collections.abc import Iterable

from .._metrics import HistoryPoint
from .._text import plural, safe_text

__all__ = ["history_line", "history_text"]


def history_line(p: HistoryPoint) -> str:
    """One commit as the terminal shows it: the score and band, or the errors and the first one.

    >>> history_line(HistoryPoint("abc1234", "2026-11-01T09:00", "Ann", None, None, {}, 2, "m.yaml:3:1: x"))
    'abc1234  2026-11-01  Ann            -    2 errors: m.yaml:3:1: x'
    """
    if p.score is not None:
        shown = f"{p.score:5.1f}  {p.band}"
    else:
        shown = f"  -    {plural(p.errors, 'error')}" + (f": {safe_text(p.error)}" if p.error else "")
    return f"{p.commit}  {p.date[:10]}  {safe_text(p.author):<12} {shown}"


def history_text(points: Iterable[HistoryPoint]) -> str:
    """The points one a line, oldest first, as ``silomap history`` prints them."""
    return "".join(history_line(p) + "\n" for p in points)
