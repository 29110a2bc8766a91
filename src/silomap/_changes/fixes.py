"""Ranked fixes and the roadmap: what to fix first, and what each fix buys.

Every candidate is measured exactly (:mod:`.evaluate`, :mod:`.links`). A fix
is listed when it lowers the exact score; fixes are ranked by the exact score
after (lowest first), then by the customer frictions they remove a month,
then by the change's text. ``delta`` is the exact change to two decimals, so
that a fix worth less than the score's last digit (on a big landscape, most
are) still shows what it buys. The roadmap applies the best fix, measures
again and repeats, since a fix's value changes once another is made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._errors import UsageError
from .._metrics import data_frames
from .._metrics.components import components_of
from .._metrics.score import round_half_up, silo_score
from .._model import Model
from .apply import apply
from .candidates import candidates, link_change
from .evaluate import Base, Outcome
from .links import LinkSearch
from .schema import Change
from .words import describe, effort

__all__ = ["EFFORTS", "Fix", "Fixes", "fixes"]

EFFORTS = ("quick", "big")


@dataclass(frozen=True)
class Fix:
    """One change that lowers the score: what it is, what it costs, what it buys.

    ``score_after`` is rounded as ``silomap score`` rounds; ``delta`` is the exact
    change to two decimals (negative: better).

    >>> import silomap
    >>> fix = silomap.fixes(silomap.load("models/retail-bank"), top=1, roadmap=0).fixes[0]
    >>> fix.rank, fix.effort, fix.change.kind, fix.score_after, fix.delta
    (1, 'quick', 'set-mode', 37.7, -2.35)
    """

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


FIX_COLUMNS = ("rank", "effort", "kind", "change", "score_after", "delta", "frictions_removed", "summary")


@dataclass(frozen=True)
class Fixes:
    """The score, the ranked fixes and the roadmap (the score after each step).

    >>> import silomap
    >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=2, roadmap=0)
    >>> found.score, [f.score_after for f in found.fixes]
    (40.0, [37.7, 37.8])
    """

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

    def frame(self) -> Any:
        """The ranked fixes as a pandas DataFrame (``pip install 'silomap[pandas]'``): rank, effort,
        kind, the change as ``fixes --json`` writes it (JSON text), score after, delta, frictions
        removed and the summary.

        >>> import silomap
        >>> top = silomap.fixes(silomap.load("models/retail-bank"), top=2, roadmap=0).frame()
        >>> top[["rank", "kind", "score_after"]].values.tolist()
        [[1, 'set-mode', 37.7], [2, 'merge-systems', 37.8]]
        """
        rows = [{"rank": f.rank, "effort": f.effort, "kind": f.change.kind,
                 "change": json.dumps(f.change.to_dict()[f.change.kind], ensure_ascii=False),
                 "score_after": f.score_after, "delta": f.delta, "frictions_removed": f.frictions_removed,
                 "summary": f.summary} for f in self.fixes]  # fmt: skip
        return data_frames({"fixes": rows}, {"fixes": FIX_COLUMNS})["fixes"]


def _signed(value: Fraction, places: int = 2) -> float:
    """Round an exact value half away from zero, as a person rounds a negative delta.

    >>> _signed(Fraction(-1, 8)), _signed(Fraction(1, 8))
    (-0.13, 0.13)
    """
    magnitude = round_half_up(abs(value), places)
    return -magnitude if value < 0 else magnitude


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
    total = Fraction(0)
    for old, new in outcome.journeys:
        weight = Fraction(old.volume) if base.journeys_weighted and old.volume else Fraction(1)
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


def _single_link(base: Base, search: LinkSearch, change: Change) -> tuple[str, str, str] | None:
    """The one (from, to, entity) flow that matters in an added or automated integration, if one."""
    body = change.body
    if change.kind == "add-integration":
        carried = list(body.carries)
    elif change.kind == "set-mode" and body.mode != "manual":
        carried = sorted(base._entities(change))
        if any(x.mode != "manual" for x in base.between.get((body.source, body.target), ())):
            return None
    else:
        return None
    useful = [e for e in carried if search.useful(body.source, body.target, e)]
    if len(useful) > 1:
        return None
    return (body.source, body.target, useful[0] if useful else carried[0])


def _prefill(base: Base, change: Change) -> tuple[Fraction | None, float] | None:
    """A pre-fill measured in constant time: each capture it removes was a re-entry (an earlier step
    captured the same data), so the journey loses one re-entry and one capture per entity and
    nothing else moves. ``None`` when the change is not such a pre-fill."""
    if change.kind != "edit-step" or effort(change, base.model) != "quick":
        return None
    body = change.body
    index = next(i for i, j in enumerate(base.model.journeys) if j.id == body.journey)
    figure = base.analysis.journeys[index]
    step = next(s for s in base.model.journeys[index].steps if s.id == body.step)
    dropped = [e for e in step.captures if e not in body.captures]
    again = {r.entity for r in figure.reentries if r.step == body.step}
    if not set(dropped) <= again:
        return None
    weight = base.weight["journeys"][figure.id]
    sums = dict(base.sums)
    num, den = sums["reentry"]
    sums["reentry"] = (num - weight * len(dropped), den - weight * len(dropped))
    frictions = (Fraction(figure.volume) if base.journeys_weighted and figure.volume else 1) * len(dropped)
    return silo_score(components_of(sums, base.scoring)), float(frictions)


def _measured(base: Base, keep: int) -> list[tuple[Fraction, float, str, Change]]:
    """Candidates that lower the exact score, best first: all the other changes, and of the
    integrations the ``keep`` best by a quick estimate (ties included), measured exactly."""
    before = base.exact_score()
    search = LinkSearch(base)
    out: list[tuple[Fraction, float, str, Change]] = []
    links, others = candidates(base)
    slow: list[Change] = []
    estimated: list[tuple[float, tuple[str, str, str]]] = []
    for link in links:
        drop = search.estimate(*link)
        if drop is None:
            slow.append(link_change(link))
        elif drop > 1e-12:
            estimated.append((drop, link))
    estimated.sort(key=lambda item: -item[0])
    if estimated:
        cut = estimated[min(keep, len(estimated)) - 1][0] - 1e-9  # floats decide only who is measured
        for drop, link in estimated:
            if drop < cut:
                break
            exact = search.exact(*link)
            if exact is not None and before is not None and exact < before:
                change = link_change(link)
                out.append((exact, 0.0, change.text, change))
    for change in [*slow, *others]:
        single = _single_link(base, search, change)  # an automated copy is one more flow: measured fast
        exact = search.exact(*single) if single is not None else None
        if exact is not None:
            if before is not None and exact < before:
                out.append((exact, 0.0, change.text, change))
            continue
        prefill = _prefill(base, change)
        if prefill is not None:
            if prefill[0] is not None and before is not None and prefill[0] < before:
                out.append((prefill[0], -prefill[1], change.text, change))
            continue
        outcome = base.evaluate(change, evidence=False)
        if outcome.exact is not None and before is not None and outcome.exact < before:
            out.append((outcome.exact, -_frictions(base, outcome), change.text, change))
    out.sort(key=lambda item: item[:3])
    return out


def _roadmap(model: Model, steps: int) -> tuple[tuple[Change, float, str], ...]:
    out = []
    for _ in range(steps):
        base = Base(model)
        measured = _measured(base, 1)
        if not measured:
            break
        best = measured[0][3]
        out.append((best, round_half_up(measured[0][0]), describe(best, model)))
        model = apply(model, best)  # checked by every rule, as a change file would be
    return tuple(out)


def fixes(model: Model, top: int = 10, effort_kind: str | None = None, roadmap: int = 5) -> Fixes:
    """The fixes that lower the score, best first, and a roadmap of ``roadmap`` steps.

    >>> import silomap
    >>> found = silomap.fixes(silomap.load("models/retail-bank"), top=3, roadmap=0)
    >>> found.score, [f.rank for f in found.fixes]
    (40.0, [1, 2, 3])
    """
    if top < 1:
        raise UsageError("{param} must be at least 1", param="top")
    if effort_kind is not None and effort_kind not in EFFORTS:
        raise UsageError(f"{{param}} must be quick or big, not {effort_kind!r}", param="effort")
    base = Base(model)
    shown = base.analysis.score
    before = base.exact_score()
    listed: list[Fix] = []
    for exact, minus_frictions, _, change in _measured(base, top):
        kind = effort(change, model)
        if effort_kind is not None and kind != effort_kind:
            continue
        outcome = base.evaluate(change)  # with its evidence, for the fixes listed
        resolves = _resolves(outcome)
        after = round_half_up(exact)
        frictions = 0.0 - minus_frictions  # never -0.0
        words = _words(outcome.change, model, resolves, frictions)
        delta = _signed(exact - before) if before is not None else 0.0
        fix = Fix(len(listed) + 1, outcome.change, kind, after, delta, frictions, tuple(resolves), words)
        listed.append(fix)
        if len(listed) == top:
            break
    return Fixes(shown, tuple(listed), _roadmap(model, roadmap))
