"""Ranked fixes and the roadmap: what to fix first, and what each fix buys.

Every candidate is measured exactly (:mod:`.evaluate`). A fix is listed when
it lowers the score as shown (one decimal); fixes are ranked by the score
after (lowest first, exact), then by the customer frictions they remove a
month, then by the change's text. The roadmap applies the best fix, measures
again and repeats, since a fix's value changes once another is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._errors import UsageError
from .._metrics import rank
from .._metrics.score import round_half_up
from .._model import Model
from .apply import apply
from .candidates import candidates
from .evaluate import Base, Outcome
from .schema import Change
from .words import describe, effort

__all__ = ["EFFORTS", "Fix", "Fixes", "fixes"]

EFFORTS = ("quick", "big")


@dataclass(frozen=True)
class Fix:
    """One change that lowers the score: what it is, what it costs, what it buys."""

    rank: int
    change: Change
    effort: str
    score_after: float
    delta: float
    frictions_removed: float
    resolves: tuple[dict[str, Any], ...]
    summary: str

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
        }


@dataclass(frozen=True)
class Fixes:
    """The score, the ranked fixes and the roadmap (the score after each step)."""

    score: float | None
    fixes: tuple[Fix, ...]
    roadmap: tuple[tuple[Change, float, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap fixes --json``."""
        return {
            "score": self.score,
            "fixes": [fix.to_dict() for fix in self.fixes],
            "roadmap": [{"change": c.to_dict(), "score_after": s, "summary": t} for c, s, t in self.roadmap],
        }


def _id(old: Any, new: Any) -> str:
    return str((old or new).id)


def _resolves(outcome: Outcome) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for old, new in outcome.journeys:
        gone = {(r.step, r.entity): r for r in old.reentries}
        kept = {(r.step, r.entity): r for r in new.reentries}
        for key, r in gone.items():
            if key not in kept:
                out.append(
                    {"kind": f"{r.kind} re-entry", "journey": old.id, "step": r.step, "entity": r.entity}
                )
            elif r.kind == "silo" and kept[key].kind == "process":
                out.append({"kind": "silo re-entry", "journey": old.id, "step": r.step, "entity": r.entity,
                            "now": "the data is there: it can be pre-filled"})  # fmt: skip
        remaining = {(h.from_provider, h.to_provider, h.before) for h in new.handoff_at}
        if len(new.handoff_at) < len(old.handoff_at):
            for h in old.handoff_at:
                if (h.from_provider, h.to_provider, h.before) not in remaining:
                    out.append({"kind": "hand-off", "journey": old.id, "before": h.before})
    for q_old, q_new in outcome.questions:
        if q_new.spq < q_old.spq:
            out.append(
                {
                    "kind": "systems per question",
                    "question": q_old.id,
                    "before": q_old.spq,
                    "after": q_new.spq,
                }
            )
    for e_old, e_new in outcome.entities:
        before, after = (e_old.unsynced if e_old else 0), (e_new.unsynced if e_new else 0)
        if after < before:
            out.append(
                {"kind": "unsynced copies", "entity": _id(e_old, e_new), "before": before, "after": after}
            )
    for t_old, t_new in outcome.teams:
        before, after = (t_old.desktop if t_old else 0), (t_new.desktop if t_new else 0)
        if after < before:
            out.append({"kind": "desktop", "team": _id(t_old, t_new), "before": before, "after": after})
    return out


def _frictions(base: Base, outcome: Outcome) -> float:
    weighted = rank(base.analysis).journeys_weighted
    total = Fraction(0)
    for old, new in outcome.journeys:
        weight = Fraction(old.volume) if weighted and old.volume else Fraction(1)
        total += weight * ((old.handoffs + len(old.reentries)) - (new.handoffs + len(new.reentries)))
    return float(total)


def _words(fix_change: Change, model: Model, resolves: list[dict[str, Any]], frictions: float) -> str:
    said = describe(fix_change, model)
    effects = []
    for r in resolves[:3]:
        if r["kind"] == "systems per question":
            effects.append(f"{r['question']} needs {r['after']} system(s), not {r['before']}")
        elif r["kind"] == "unsynced copies":
            effects.append(f"{r['entity']}: {r['after']} unsynced copies, not {r['before']}")
        elif r["kind"] == "desktop":
            effects.append(f"{r['team']} opens {r['after']} systems, not {r['before']}")
        elif r["kind"] == "hand-off":
            effects.append(f"one hand-off fewer in {r['journey']}")
        elif "now" in r:
            effects.append(f"{r['entity']} reaches {r['step']} ({r['journey']}), so it can be pre-filled")
        else:
            effects.append(f"the customer stops giving {r['entity']} again at {r['step']} ({r['journey']})")
    more = f" and {len(resolves) - 3} more" if len(resolves) > 3 else ""
    month = f", {frictions:,.0f} frictions a month fewer" if frictions > 0 else ""
    return f"{said}: {'; '.join(effects)}{more}{month}" if effects else said + month


def _measured(base: Base) -> list[tuple[Fraction, float, str, Outcome]]:
    shown = base.analysis.score
    out = []
    for change in candidates(base):
        outcome = base.evaluate(change)
        if outcome.exact is None or shown is None or round_half_up(outcome.exact) >= shown:
            continue
        out.append((outcome.exact, -_frictions(base, outcome), change.text, outcome))
    out.sort(key=lambda item: item[:3])
    return out


def _roadmap(model: Model, steps: int) -> tuple[tuple[Change, float, str], ...]:
    out = []
    for _ in range(steps):
        base = Base(model)
        measured = _measured(base)
        if not measured:
            break
        best = measured[0][3]
        out.append((best.change, round_half_up(measured[0][0]), describe(best.change, model)))
        model = apply(model, best.change)  # checked by every rule, as a change file would be
    return tuple(out)


def fixes(model: Model, top: int = 10, effort_kind: str | None = None, roadmap: int = 5) -> Fixes:
    """The fixes that lower the score, best first, and a roadmap of ``roadmap`` steps.

    >>> import silomap
    >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=3, roadmap=0)
    >>> found.score, [f.rank for f in found.fixes]
    (44.0, [1, 2, 3])
    """
    if top < 1:
        raise UsageError("{param} must be at least 1", param="top")
    if effort_kind is not None and effort_kind not in EFFORTS:
        raise UsageError(f"{{param}} must be quick or big, not {effort_kind!r}", param="effort")
    base = Base(model)
    shown = base.analysis.score
    listed: list[Fix] = []
    for exact, minus_frictions, _, outcome in _measured(base):
        kind = effort(outcome.change, model)
        if effort_kind is not None and kind != effort_kind:
            continue
        resolves = _resolves(outcome)
        after = round_half_up(exact)
        frictions = -minus_frictions
        words = _words(outcome.change, model, resolves, frictions)
        delta = round(after - (shown or 0), 1)
        fix = Fix(len(listed) + 1, outcome.change, kind, after, delta, frictions, tuple(resolves), words)
        listed.append(fix)
        if len(listed) == top:
            break
    return Fixes(shown, tuple(listed), _roadmap(model, roadmap))
