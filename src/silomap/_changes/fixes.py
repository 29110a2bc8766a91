"""Ranked fixes and the roadmap: what to fix first, and what each fix buys.

Every candidate is measured exactly (:mod:`.evaluate`, :mod:`.links`). A fix
is listed when it lowers the exact score; fixes are ranked by the exact score
after (lowest first), then by the customer frictions they remove a month,
then by kind (mending an integration before adding one), then by the
change's text. Changes with the same effect (the same score after, frictions
and evidence resolved: the same link the other way, an equivalent target) are
listed once, the others named as its alternatives. Scores are shown to two
decimals, so that a fix worth less than the score's last digit (on a big
landscape, most are) still shows what it buys, and ``delta`` is the
difference of the two scores as shown, so the figures add up. The roadmap
applies the best fix, measures again and repeats, since a fix's value changes
once another is made; it keeps to the same scope (effort, kept systems, kinds
left out).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction
from functools import partial
from typing import Any

from .._metrics import components_of, round_half_up, silo_score
from .._model import REPLACED, Model, need, need_model, need_strings, need_whole
from .._progress import Tick, bar
from .apply import apply
from .candidates import candidates, link_change
from .evaluate import Base, Outcome
from .kinds.add_integration import AddIntegration
from .kinds.edit_step import EditStep
from .kinds.set_mode import SetMode
from .links import LinkSearch
from .ranked import PLACES, Alternative, Fix, Fixes, RoadmapStep
from .schema import Change
from .scope import Scope, scope_of
from .words import describe
from .words import effort as effort_of

__all__ = ["fixes"]


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
                out.append(
                    {
                        "kind": "silo re-entry",
                        "journey": old.id,
                        "step": r.step,
                        "entity": r.entity,
                        "now": "the data is there: it can be pre-filled",
                    }
                )
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


def _plural(n: object, noun: str, nouns: str) -> str:
    return f"{n} {noun if n == 1 else nouns}"


def _effect(r: dict[str, Any]) -> str:
    if r["kind"] == "systems per question":
        return f"{r['question']} needs {_plural(r['after'], 'system', 'systems')}, not {r['before']}"
    if r["kind"] == "unsynced copies":
        if r["after"] == 0:
            return f"{r['entity']}: in sync (was {_plural(r['before'], 'unsynced copy', 'unsynced copies')})"
        return f"{r['entity']}: {_plural(r['after'], 'unsynced copy', 'unsynced copies')}, not {r['before']}"
    if r["kind"] == "desktop":
        return f"{r['team']}: {_plural(r['after'], 'system', 'systems')} on the desktop, not {r['before']}"
    if r["kind"] == "hand-off":
        return f"one hand-off fewer in {r['journey']}"
    if "now" in r:
        return f"{r['entity']} reaches {r['step']} ({r['journey']}), so it can be pre-filled"
    return f"the customer stops giving {r['entity']} again at {r['step']} ({r['journey']})"


def caution(change: Change, model: Model) -> str:
    """What to mind in a fix that keeps a system being replaced busy (``""`` if nothing)."""
    replaced = [s for s in model.systems if s.id in change.systems and s.lifecycle in REPLACED]
    if not replaced or change.body.touches().systems:
        return ""  # merging or retiring it keeps it busy no longer
    return f" (mind: {_names(replaced)} {'is' if len(replaced) == 1 else 'are'} being replaced)"


def _words(
    change: Change, model: Model, resolves: list[dict[str, Any]], frictions: float, weighted: bool
) -> str:
    said = describe(change, model)
    effects = "; ".join(_effect(r) for r in resolves[:3])
    more = f"; {_plural(len(resolves) - 3, 'more effect', 'more effects')}" if len(resolves) > 3 else ""
    more += caution(change, model)
    if frictions > 0:
        count = "1 friction" if frictions == 1 else f"{frictions:,.0f} frictions"
        more += f", {count} {'a month ' if weighted else ''}fewer"
    return f"{said}: {effects}{more}" if effects else said + more


def _names(systems: list[Any]) -> str:
    return " and ".join(s.label for s in systems)


def _single_link(base: Base, search: LinkSearch, change: Change) -> tuple[str, str, str] | None:
    """The one (from, to, entity) flow that matters in an added or automated integration, if one."""
    body = change.body
    if isinstance(body, AddIntegration):
        carried = list(body.carries)
    elif isinstance(body, SetMode) and body.mode != "manual":
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
    body = change.body
    if not isinstance(body, EditStep) or effort_of(change, base.model) != "quick":
        return None
    index = next(i for i, j in enumerate(base.model.journeys) if j.id == body.journey)
    figure = base.analysis.journeys[index]
    step = next(s for s in base.model.journeys[index].steps if s.id == body.step)
    dropped = [e for e in step.captures if e not in (body.captures or ())]
    again = {r.entity for r in figure.reentries if r.step == body.step}
    if not set(dropped) <= again:
        return None
    weight = base.weight["journeys"][figure.id]
    sums = dict(base.sums)
    num, den = sums["reentry"]
    sums["reentry"] = (num - weight * len(dropped), den - weight * len(dropped))
    frictions = (Fraction(figure.volume) if base.journeys_weighted and figure.volume else 1) * len(dropped)
    return silo_score(components_of(sums, base.scoring)), float(frictions)


Measured = tuple[Fraction, float, str, Change]  # exact score after, minus frictions removed, text


def _unseen(done: float) -> None:
    """The tick of a search nobody watches."""


def _measured(base: Base, keep: int, scope: Scope, tick: Tick = _unseen) -> tuple[list[Measured], bool]:
    """Candidates in ``scope`` that lower the exact score, best first: all the other changes, and of
    the integrations the ``keep`` best by a quick estimate (ties included), measured exactly; and
    whether integrations that might lower the score were left unmeasured. ``tick`` hears the share
    of the candidates looked at (0 to 1)."""
    before = base.exact_score()
    search = LinkSearch(base)
    out: list[Measured] = []
    links, others = candidates(base)
    looked, count = 0, max(1, len(links) + len(others))
    slow: list[Change] = []
    estimated: list[tuple[float, tuple[str, str, str]]] = []
    for link in filter(scope.allows_link, links):
        looked += 1
        tick(looked / count)
        drop = search.estimate(*link)
        if drop is None:
            slow.append(link_change(link))
        elif drop > 1e-12:
            estimated.append((drop, link))
    estimated.sort(key=lambda item: -item[0])
    left = 0
    if estimated:
        cut = estimated[min(keep, len(estimated)) - 1][0] - 1e-9  # floats decide only who is measured
        left = sum(drop < cut for drop, _ in estimated)
        for _, link in (item for item in estimated if item[0] >= cut):
            exact = search.exact(*link)
            if exact is not None and before is not None and exact < before:
                change = link_change(link)
                out.append((exact, 0.0, change.text, change))
    for change in [*slow, *(c for c in others if scope.allows(c, base.model))]:
        looked += 1
        tick(min(looked, count) / count)
        found = _measure(base, search, change)
        if found is not None and before is not None and found[0] < before:
            out.append((found[0], found[1], change.text, change))
    replaced = frozenset(s.id for s in base.model.systems if s.lifecycle in REPLACED)
    out.sort(key=lambda item: _order(item, replaced))
    return out, left > 0


def _order(item: Measured, replaced: frozenset[str]) -> tuple[Fraction, float, int, int, str]:
    """Best first; of equals, one that keeps fewer systems being replaced busy, then the preferred
    kind (mend what exists before adding to it), then the text."""
    exact, minus_frictions, text, change = item
    return exact, minus_frictions, len(change.systems & replaced), change.body.preferred, text


def _measure(base: Base, search: LinkSearch, change: Change) -> tuple[Fraction, float] | None:
    """The exact score after one change and minus the frictions it removes, by the fastest way."""
    single = _single_link(base, search, change)  # an automated copy is one more flow: measured fast
    exact = search.exact(*single) if single is not None else None
    if exact is not None:
        return exact, 0.0
    prefill = _prefill(base, change)
    if prefill is not None:
        return None if prefill[0] is None else (prefill[0], -prefill[1])
    outcome = base.evaluate(change, evidence=False)
    return None if outcome.exact is None else (outcome.exact, -_frictions(base, outcome))


def _shown(value: Fraction | None) -> float | None:
    return None if value is None else round_half_up(value, PLACES)


def _delta(after: float, now: float | None) -> float:
    """The difference of two scores as shown, without float noise (``37.65 - 40.0``)."""
    if now is None:
        return 0.0
    return float(round(Fraction(str(after)) - Fraction(str(now)), PLACES))


def _at_step(tick: Tick, before: int, share: float) -> None:
    """Tell ``tick`` a share of one more step is done, after ``before`` steps."""
    tick(before + share)


def _roadmap(model: Model, steps: int, scope: Scope, tick: Tick = _unseen) -> tuple[RoadmapStep, ...]:
    """Apply the best fix, measure again, ``steps`` times; ``tick`` hears the steps done (1 to
    ``steps`` + 1, after the search)."""
    out = []
    for step in range(steps):
        base = Base(model)
        measured, _ = _measured(base, 1, scope, partial(_at_step, tick, 1 + step))
        if not measured:
            break
        best = measured[0][3]
        words = describe(best, model) + caution(best, model)
        out.append(RoadmapStep(best, effort_of(best, model), round_half_up(measured[0][0], PLACES), words))
        model = apply(model, best)  # checked by every rule, as a change file would be
    return tuple(out)


def _listed(base: Base, measured: list[Measured], top: int) -> list[Fix]:
    """The ``top`` fixes, each change with the same effect as one listed (the same score after, the
    same frictions and the same things resolved) named as its alternative."""
    model = base.model
    now = _shown(base.exact_score())
    listed: list[Fix] = []
    seen: dict[tuple[Any, ...], int] = {}
    last: tuple[Fraction, float] | None = None
    for exact, minus_frictions, _, change in measured:
        if len(listed) == top and (exact, minus_frictions) != last:
            break  # alternatives sort next to their fix: none can follow
        outcome = base.evaluate(change)  # with its evidence, for the fixes listed
        resolves = _resolves(outcome)
        kind = effort_of(change, model)
        key = (kind, exact, minus_frictions, json.dumps(resolves, sort_keys=True))
        if key in seen:
            fix = listed[seen[key]]
            more = (*fix.alternatives, Alternative(outcome.change, describe(outcome.change, model)))
            listed[seen[key]] = replace(fix, alternatives=more)
            continue
        if len(listed) == top:
            continue
        after = round_half_up(exact, PLACES)
        frictions = 0.0 - minus_frictions  # never -0.0
        words = _words(outcome.change, model, resolves, frictions, base.journeys_weighted)
        seen[key] = len(listed)
        fix = Fix(
            len(listed) + 1,
            outcome.change,
            kind,
            after,
            _delta(after, now),
            frictions,
            tuple(resolves),
            words,
        )
        listed.append(fix)
        last = (exact, minus_frictions)
    return listed


def fixes(
    model: Model,
    *,
    top: int = 10,
    effort: str | None = None,
    roadmap: int = 5,
    keep: Iterable[str] = (),
    without: Iterable[str] = (),
    progress: bool | None = None,
) -> Fixes:
    """The fixes that lower the score, best first, and a roadmap of ``roadmap`` steps. The public
    ``silomap.fixes`` (``_cost``, which adds the money with ``rates=``) documents the arguments;
    ``progress`` draws a bar on standard error (``silomap._progress``).

    >>> import silomap
    >>> found = fixes(silomap.load("models/retail-bank"), top=3, roadmap=0)
    >>> found.score, [f.rank for f in found.fixes]
    (40.04, [1, 2, 3])
    >>> kept = fixes(silomap.load("models/retail-bank"), top=3, roadmap=0, without=["merge-systems"])
    >>> "merge-systems" in [f.change.kind for f in kept.fixes]
    False
    """
    need_model(model)
    need_whole(top, "top", least=1)
    need_whole(roadmap, "roadmap", least=0)
    need(effort, str, "effort", "quick, big or None", optional=True)
    keep = tuple(dict.fromkeys(need_strings(keep, "keep", "system ids")))
    without = tuple(dict.fromkeys(need_strings(without, "without", "change kinds")))
    need(progress, bool, "progress", "True, False or None", optional=True)
    scope = scope_of(model, effort, keep, without)
    base = Base(model)
    with bar("fixes", 1 + roadmap, progress=progress) as tick:
        listed = _search(base, top, scope, tick)
        road = _roadmap(model, roadmap, scope, tick)
    return Fixes(_shown(base.exact_score()), tuple(listed), road, keep, without, effort, name=model.name)


def _search(base: Base, top: int, scope: Scope, tick: Tick = _unseen) -> list[Fix]:
    """The ``top`` fixes listed, measuring more candidates while alternatives take places."""
    measure = top
    while True:
        measured, more = _measured(base, measure, scope, tick)
        listed = _listed(base, measured, top)
        if len(listed) >= top or not more:
            return listed
        measure *= 4  # alternatives took places: measure more integrations
