"""Two analyses side by side: what changed for customers, figure by figure and evidence by evidence.

Used by ``silomap whatif`` (a model before and after changes) and meant for
comparing two versions of a landscape. Evidence is what a figure rests on
(a hand-off between two steps, a re-entry, an unsynced copy...), so a
change can say what it removed and what it brought.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Protocol

from .._display import Shown
from .._text import plural
from .analysis import Analysis
from .figures import JourneyFigure, QuestionFigure

__all__ = ["Comparison", "Evidence", "Priced", "compare", "evidence", "with_cost"]


class Priced(Protocol):
    """The money a change makes (from the cost layer, which sits above the metrics)."""

    def to_dict(self) -> dict[str, Any]:
        """Its JSON: ``cost`` of ``whatif --json`` and ``diff --json``."""

    def line(self) -> str:
        """It in words, one line."""


def with_cost(data: dict[str, Any], cost: Priced | None) -> dict[str, Any]:
    """A comparison's JSON with the money it makes as ``cost``, when there is one."""
    return data if cost is None else {**data, "cost": cost.to_dict()}


@dataclass(frozen=True, order=True)
class Evidence:
    """One piece of evidence: its kind, where it is, and what it says."""

    kind: str
    where: str
    text: str


def evidence(analysis: Analysis) -> set[Evidence]:
    """Every piece of evidence of an analysis."""
    out: set[Evidence] = set()
    for j in analysis.journeys:
        out |= {
            Evidence("hand-off", j.id, f"{h.from_provider} -> {h.to_provider} before {h.before}")
            for h in j.handoff_at
        }
        out |= {
            Evidence(f"{r.kind} re-entry", j.id, f"{r.entity} typed again at {r.step}") for r in j.reentries
        }
    for q in analysis.questions:
        out.add(Evidence("cover", q.id, f"{plural(q.spq, 'system')}: {', '.join(q.cover)}"))
    for t in analysis.teams:
        out.add(Evidence("desktop", t.id, f"{plural(t.desktop, 'system')}: {', '.join(t.systems)}"))
    for e in analysis.entities:
        if e.unsynced:
            out.add(Evidence("unsynced copies", e.id, " | ".join(", ".join(g) for g in e.groups)))
    out |= {Evidence("isolated system", s, s) for s in analysis.isolated}
    out |= {Evidence("manual integration", f"{a} -> {b}", ", ".join(c)) for a, b, c in analysis.manual}
    for u in analysis.unbacked:
        out.add(
            Evidence(
                "unbacked answer", u.question, f"at {u.journey}/{u.step}, missing {', '.join(u.missing)}"
            )
        )
    return out


def _journey_row(j: JourneyFigure | None) -> dict[str, Any] | None:
    if j is None:
        return None
    return {
        "handoffs": j.handoffs,
        "reentries": len(j.reentries),
        "silo": j.silo_reentries,
        "process": j.process_reentries,
        "channel_switches": j.channel_switches,
    }


@dataclass(frozen=True, repr=False)
class Comparison(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """An analysis before and after, with what changed.

    ``delta`` is the change of the rounded score (negative is better), ``None``
    when either side has no score.

    Attributes
    ----------
    before, after
        The two analyses.
    appeared, disappeared
        The evidence the change brought and removed (a hand-off, a re-entry, unsynced copies).
    cost
        With rates (``whatif(rates=...)``, ``diff(rates=...)``): the money a month before and after,
        and the change (``cost.change``); else ``None``.
    title
        The first line of its text: ``silomap what-if: <model>, <changes>`` from :func:`silomap.whatif`.

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> silomap.whatif(model, silomap.load_changes("examples/changes/connect-app.yaml")).delta
    -1.1
    """

    before: Analysis
    after: Analysis
    appeared: tuple[Evidence, ...]
    disappeared: tuple[Evidence, ...]
    cost: Priced | None = None
    title: str = field(default="", compare=False)  # the text's first line (``whatif`` names the changes)

    @property
    def delta(self) -> float | None:
        """After minus before, on the scores as shown (one decimal)."""
        if self.before.score is None or self.after.score is None:
            return None
        return round(self.after.score - self.before.score, 1)

    def journeys(self) -> list[tuple[str, JourneyFigure | None, JourneyFigure | None]]:
        """Journeys whose figures differ (or that exist on one side only), in model order."""
        return _changed(list(self.before.journeys), list(self.after.journeys), _journey_row)

    def questions(self) -> list[tuple[str, QuestionFigure | None, QuestionFigure | None]]:
        """Questions whose systems per question or cover differ (or that exist on one side only)."""
        return _changed(
            list(self.before.questions), list(self.after.questions), lambda q: q and (q.spq, q.cover)
        )

    def to_dict(self, sides: tuple[str, str] = ("before", "after")) -> dict[str, Any]:
        """The JSON of ``silomap whatif --json``."""
        a, b = sides
        names = [row.name for row in (*self.before.components, *self.after.components)]
        data = {
            a: {"score": self.before.score, "band": self.before.band},
            b: {"score": self.after.score, "band": self.after.band},
            "delta": self.delta,
            "components": {
                n: {a: _float(self.before.component(n)), b: _float(self.after.component(n))}
                for n in dict.fromkeys(names)
            },
            "journeys": [{"id": i, a: _journey_row(x), b: _journey_row(y)} for i, x, y in self.journeys()],
            "questions": [{"id": i, a: x and x.spq, b: y and y.spq} for i, x, y in self.questions()],
            "evidence": {
                "appeared": [{"kind": e.kind, "where": e.where, "text": e.text} for e in self.appeared],
                "disappeared": [{"kind": e.kind, "where": e.where, "text": e.text} for e in self.disappeared],
            },
        }
        return with_cost(data, self.cost)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _changed(before: list[Any], after: list[Any], key: Any) -> list[tuple[str, Any, Any]]:
    old = {f.id: f for f in before}
    new = {f.id: f for f in after}
    ids = list(dict.fromkeys([*old, *new]))
    return [(i, old.get(i), new.get(i)) for i in ids if key(old.get(i)) != key(new.get(i))]


def compare(before: Analysis, after: Analysis) -> Comparison:
    """Compare two analyses.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> c = compare(silomap.analyze(m), silomap.analyze(m))
    >>> c.delta, c.appeared, c.journeys()
    (0.0, (), [])
    """
    old, new = evidence(before), evidence(after)
    return Comparison(before, after, tuple(sorted(new - old)), tuple(sorted(old - new)))
