"""What ``silomap fixes`` returns: the ranked fixes, their alternatives and the roadmap.

Plain frozen records with their JSON (``fixes --json``) and a DataFrame; the
search that fills them is :mod:`.fixes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .._display import Shown
from .._metrics import Schema, build_frames
from .schema import Change

__all__ = ["FIX_COLUMNS", "PLACES", "Alternative", "Fix", "Fixes", "RoadmapStep"]

PLACES = 2  # the fixes show scores to two decimals: a fix worth less than the score's last digit shows


@dataclass(frozen=True)
class Alternative:
    """Another change with exactly the same effect as a fix (the same link the other way, an
    equivalent target): the same score after and the same things resolved.

    >>> import silomap
    >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=3, roadmap=0)
    >>> [a.change.kind for f in found.fixes for a in f.alternatives][:1]
    ['add-integration']
    """

    change: Change
    summary: str

    def to_dict(self) -> dict[str, Any]:
        """The alternative as ``silomap fixes --json`` writes it."""
        return {"change": self.change.to_dict(), "summary": self.summary}


@dataclass(frozen=True)
class Fix:
    """One change that lowers the score: what it is, what it costs, what it buys.

    ``score_after`` is rounded to two decimals, as :attr:`Fixes.score` is, and ``delta`` is
    their difference (negative: better), so the figures shown add up. ``alternatives`` are the
    changes with the same effect, listed once under this one.

    Attributes
    ----------
    rank
        1 for the best.
    change
        The change, as a change file writes it (:class:`Change`).
    effort
        ``quick`` or ``big``.
    score_after, delta
        The score once applied, and its difference from now.
    frictions_removed
        Hand-offs and re-entries removed a month (or per run of each journey, without volumes).
    resolves
        Each piece of evidence it removes.
    summary
        The fix in words.
    alternatives
        Changes with the same effect.
    saves
        With rates (``fixes(rates=...)``): the money a month before minus after the fix, in the
        currency of :attr:`Fixes.currency` (negative: it costs more); ``None`` where either is not
        costed or without rates.

    Examples
    --------
    >>> import silomap
    >>> fix = silomap.fixes(silomap.load("models/retail-bank"), top=1, roadmap=0).fixes[0]
    >>> fix.rank, fix.effort, fix.change.kind, fix.score_after, fix.delta
    (1, 'quick', 'set-mode', 37.68, -2.36)
    """

    rank: int
    change: Change
    effort: str
    score_after: float
    delta: float
    frictions_removed: float
    resolves: tuple[dict[str, Any], ...]
    summary: str
    alternatives: tuple[Alternative, ...] = ()
    saves: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fix as ``silomap fixes --json`` writes it."""
        return {
            "rank": self.rank,
            "effort": self.effort,
            "change": self.change.to_dict(),
            "score_after": self.score_after,
            "delta": self.delta,
            "frictions_removed": self.frictions_removed,
            "resolves": list(self.resolves),
            "summary": self.summary,
            "alternatives": [a.to_dict() for a in self.alternatives],
        }

    def row(self) -> dict[str, Any]:
        """The fix as a row of :meth:`Fixes.frame`: the change as JSON text, alternatives counted."""
        return {
            **{name: getattr(self, name) for name in ("rank", "effort", "score_after", "delta")},
            "kind": self.change.kind,
            "change": _json(self.change),
            "frictions_removed": self.frictions_removed,
            "summary": self.summary,
            "alternatives": len(self.alternatives),
        }


@dataclass(frozen=True)
class RoadmapStep:
    """One step of the roadmap: the best fix after the steps before it, and the score after it.

    >>> import silomap
    >>> step = silomap.fixes(silomap.load("models/retail-bank"), top=1, roadmap=1).roadmap[0]
    >>> step.effort, step.score_after
    ('quick', 37.68)
    """

    change: Change
    effort: str
    score_after: float
    summary: str
    cost_after: float | None = None  # with rates: the money a month once this step is made

    def to_dict(self) -> dict[str, Any]:
        """The step as ``silomap fixes --json`` writes it."""
        return {
            "change": self.change.to_dict(),
            "effort": self.effort,
            "score_after": self.score_after,
            "summary": self.summary,
        }


# The columns of the fixes' and the roadmap's DataFrames and their types (docs/python.md lists them)
FIX_SCHEMA: Schema = (
    ("rank", "integer"),
    ("effort", "text"),
    ("kind", "text"),
    ("change", "text"),
    ("score_after", "number"),
    ("delta", "number"),
    ("frictions_removed", "number"),
    ("summary", "text"),
    ("alternatives", "integer"),
)
FIX_COLUMNS = tuple(name for name, _ in FIX_SCHEMA)
ROADMAP_SCHEMA: Schema = (
    ("step", "integer"),
    ("effort", "text"),
    ("kind", "text"),
    ("change", "text"),
    ("score_after", "number"),
    ("summary", "text"),
)


@dataclass(frozen=True, repr=False)
class Fixes(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """The score, the ranked fixes and the roadmap, and what the search left out.

    ``score`` is to two decimals, as the fixes' scores are; ``keep`` and ``without`` are the
    systems kept out of every fix and the change kinds left out, ``effort`` the effort asked for.

    Attributes
    ----------
    score
        The score now, to two decimals.
    fixes
        The fixes, best first (:class:`Fix`).
    roadmap
        The steps of the roadmap: each the best fix after the ones before.
    keep, without, effort
        What the search was told to leave alone: systems, change kinds, an effort.
    name
        The model's name, as the text names it.
    currency, cost, by
        With rates: their currency, the money a month now (``None``: not costed), and the order of
        the fixes (``"score"``, or ``"money"``: by what each saves); without rates, ``None``,
        ``None`` and ``"score"``.

    Examples
    --------
    >>> import silomap
    >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=2, roadmap=0)
    >>> found.score, [f.score_after for f in found.fixes]
    (40.04, [37.68, 37.77])
    """

    score: float | None
    fixes: tuple[Fix, ...]
    roadmap: tuple[RoadmapStep, ...]
    keep: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    effort: str | None = None
    currency: str | None = None
    cost: float | None = None
    by: str = "score"
    name: str = field(default="", compare=False)  # the model's, for the text (fixes_text)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap fixes --json``; with rates, ``currency``, ``cost``, ``by``,
        each fix's ``saves`` and each roadmap step's ``cost_after`` too."""
        data: dict[str, Any] = {
            "score": self.score,
            "effort": self.effort,
            "keep": list(self.keep),
            "without": list(self.without),
            "fixes": [fix.to_dict() for fix in self.fixes],
            "roadmap": [step.to_dict() for step in self.roadmap],
        }
        if self.currency is not None:
            data.update(currency=self.currency, cost=self.cost, by=self.by)
            for fix, shown in zip(self.fixes, data["fixes"], strict=True):
                shown["saves"] = fix.saves
            for step, said in zip(self.roadmap, data["roadmap"], strict=True):
                said["cost_after"] = step.cost_after
        return data

    def frame(self, backend: str = "pandas") -> Any:
        """The ranked fixes as one DataFrame: ``frames(backend)["fixes"]``.

        >>> import silomap
        >>> top = silomap.fixes(silomap.load("models/retail-bank"), top=2, roadmap=0).frame()
        >>> top[["rank", "kind", "score_after"]].values.tolist()
        [[1, 'set-mode', 37.68], [2, 'merge-systems', 37.77]]
        """
        return self.frames(backend)["fixes"]

    def frames(self, backend: str = "pandas") -> dict[str, Any]:
        """The ranked fixes and the roadmap as DataFrames of ``backend``.

        Parameters
        ----------
        backend
            ``"pandas"`` (``pip install 'silomap[pandas]'``), ``"polars"`` or ``"pyarrow"``.

        Returns
        -------
        dict of str to DataFrame
            ``fixes``: rank, effort, kind, the change as ``fixes --json`` writes it (JSON text), score
            after, delta, frictions removed, the summary and the number of alternatives; ``roadmap``:
            step, effort, kind, change, score after, summary. With rates, what each fix ``saves`` and
            each step's ``cost_after`` too (null: not costed). Types as docs/python.md lists them.

        Raises
        ------
        silomap.UsageError
            ``backend`` is none of the three (``backend=``).
        silomap.ToolError
            The library is not installed: the message names the ``pip install`` (SM044).

        Examples
        --------
        >>> import silomap
        >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=2, roadmap=2)
        >>> found.frames("pyarrow")["roadmap"].column("score_after").to_pylist()
        [37.68, 35.6]
        """
        priced = self.currency is not None
        fixes = [{**fix.row(), **({"saves": fix.saves} if priced else {})} for fix in self.fixes]
        steps = [
            {
                **s.to_dict(),
                "step": n,
                "kind": s.change.kind,
                "change": _json(s.change),
                "cost_after": s.cost_after,
            }
            for n, s in enumerate(self.roadmap, 1)
        ]
        extra: Schema = (("saves", "number"),) if priced else ()
        schemas = {
            "fixes": FIX_SCHEMA + extra,
            "roadmap": ROADMAP_SCHEMA + ((("cost_after", "number"),) if priced else ()),
        }
        return build_frames({"fixes": fixes, "roadmap": steps}, schemas, backend)


def _json(change: Change) -> str:
    """A change as ``fixes --json`` writes it, as JSON text (one cell)."""
    return json.dumps(change.to_dict()[change.kind], ensure_ascii=False)
