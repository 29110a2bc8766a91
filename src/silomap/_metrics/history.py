"""The score over a model's git history: one point per commit that changed the model's files.

Each commit's model is read from git's objects (``_model.git``): no checkout,
the work tree untouched. A commit where the model was invalid, or had no model
(a commit that deleted it), is a point with its error count, its first error
and no score, never an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._config import Limits
from .._display import Shown
from .._errors import ModelError
from .._model import git_log, load_at_revision, need, need_limits, need_path, need_whole, old_spellings
from .._progress import bar
from .._text import safe_text
from .analysis import analyze
from .components import COMPONENTS
from .frames import Schema, build_frames

__all__ = ["HISTORY_SCHEMA", "History", "HistoryPoint", "history"]


@dataclass(frozen=True)
class HistoryPoint:
    """The model at one commit: its score, band and components, or how many errors it had.

    ``error`` is the first error, as a problem line made safe to show (``None`` with a score);
    ``author`` the author's first name, escaped the same way.

    Attributes
    ----------
    commit, date, author
        The commit: its short hash, its date (ISO 8601), its author's first name.
    score, band, components
        The model's score, band and components then; ``None`` (empty) when it was invalid.
    errors, error
        How many errors the model had then, and the first.

    Examples
    --------
    >>> p = HistoryPoint("abc1234", "2026-11-01", "Ann", 40.0, "partly integrated", {"handoffs": 0.453}, 0)
    >>> p.to_dict()["score"], p.to_dict()["components"], p.to_dict()["error"]
    (40.0, {'handoffs': 0.453}, None)
    """

    commit: str
    date: str
    author: str
    score: float | None
    band: str | None
    components: dict[str, float]
    errors: int
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """One point of ``silomap history --json``."""
        return {
            "commit": self.commit,
            "date": self.date,
            "author": self.author,
            "score": self.score,
            "band": self.band,
            "components": self.components,
            "errors": self.errors,
            "error": self.error,
        }


# The history's columns and their types, before one number column per score component
HISTORY_SCHEMA: Schema = (
    ("commit", "text"),
    ("date", "text"),
    ("author", "text"),
    ("score", "number"),
    ("band", "text"),
    ("errors", "integer"),
    ("error", "text"),
)


class History(Shown, list[HistoryPoint]):  # str(): the CLI's text; repr(): one line; an HTML card
    """The points of :func:`silomap.history`, oldest first: a list, which shows itself as
    ``silomap history`` prints it (``str``), in one line (``repr``) and as a card in a notebook.

    Parameters
    ----------
    points
        The points, oldest first.
    path
        The model's path, as given.

    Examples
    --------
    >>> points = History([HistoryPoint("abc1234", "2026-11-01", "Ann", 40.0, "partly integrated", {}, 0)])
    >>> print(points, end="")
    abc1234  2026-11-01  Ann           40.0  partly integrated
    >>> points == [points[0]], repr(points)
    (True, '<silomap.History: 1 commit, the last scoring 40.0, partly integrated>')
    """

    def __init__(self, points: Iterable[HistoryPoint] = (), *, path: str = "") -> None:
        super().__init__(points)
        self.path = path

    def frames(self, backend: str = "pandas") -> dict[str, Any]:
        """The points as DataFrames of ``backend`` (``"pandas"``, ``"polars"`` or ``"pyarrow"``):
        ``history``, one row per commit, then a number column per score component (null where the
        model was invalid then).

        >>> p = HistoryPoint("abc1234", "2026-11-01", "Ann", 40.0, "partly integrated", {"handoffs": 0.5}, 0)
        >>> History([p]).frames("pyarrow")["history"].column("handoffs").to_pylist()
        [0.5]
        """
        names = [row.id for row in COMPONENTS]
        rows = [{**point.to_dict(), **point.components} for point in self]
        schema = HISTORY_SCHEMA + tuple((name, "number") for name in names)
        return build_frames({"history": rows}, {"history": schema}, backend)


@old_spellings(positional=("since", "limit", "limits"))
def history(
    path: str | os.PathLike[str],
    *,
    since: str | None = None,
    limit: int = 100,
    limits: Limits | None = None,
    progress: bool | None = None,
) -> History:
    """Score the model at every commit that changed it, oldest first (at most ``limit`` commits,
    the newest ones; ``since`` a date git understands, such as ``2026-01-01``).

    Parameters
    ----------
    path
        A model file or directory in a git work tree.
    since
        The first date, as git understands it (``2026-01-01``, ``3 months ago``).
    limit
        At most this many commits, the newest.
    limits
        The budgets of the reader, for each version.
    progress
        A bar on standard error, a commit at a time: ``None`` when standard error is a terminal or
        in a notebook, ``False`` never, ``True`` always.

    Returns
    -------
    History
        One point per commit, oldest first: its score and band, or its errors (a list of
        :class:`HistoryPoint` that shows itself as ``silomap history`` prints it; ``.frames()`` gives
        the points as a DataFrame).

    Raises
    ------
    silomap.UsageError
        An argument of another kind, naming it; git missing, or ``path`` outside a git work tree.
        (A commit whose model is invalid is a point with its errors, not an exception.)

    Examples
    --------
    >>> import silomap
    >>> points = silomap.history("models/telecom", limit=2)
    >>> 1 <= len(points) <= 2 and points[-1].errors == 0
    True
    """
    need_path(path)
    need(since, str, "since", "a date such as '2026-01-01'", optional=True)
    need_whole(limit, "limit", least=1)
    need_limits(limits)
    need(progress, bool, "progress", "True, False or None", optional=True)
    commits = list(reversed(git_log(Path(path), since, limit)))
    out = History(path=os.fspath(path))
    with bar("history", len(commits), progress=progress) as tick:
        for commit, date, author in commits:
            out.append(_point(path, (commit, date, author), limits))
            tick(len(out))
    return out


def _point(path: str | os.PathLike[str], at: tuple[str, str, str], limits: Limits | None) -> HistoryPoint:
    """The model at one commit (its hash, date and author): its score, or its errors."""
    commit, date, author = at
    try:
        result = analyze(load_at_revision(path, commit, limits))
    except ModelError as err:
        first = safe_text(str(err.errors[0])) if err.errors else None
        return HistoryPoint(commit, date, author, None, None, {}, len(err.errors), first)
    components = {c.name: float(c.value) for c in result.components}
    return HistoryPoint(commit, date, author, result.score, result.band, components, 0)
