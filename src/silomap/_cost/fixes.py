"""Fixes in money (``cost.md``): what each fix saves a month, fixes ranked by it, and the money a
change makes (``whatif``, ``diff``).

A fix *saves* the total money a month before it minus after it: the model with the change applied
is measured again (:func:`silomap.apply` checks it as a change file is checked), never estimated.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from fractions import Fraction
from functools import partial

from .._changes import Fix, Fixes, RoadmapStep, apply
from .._changes import fixes as ranked_fixes
from .._errors import UsageError
from .._metrics import Flows, JourneyFigure, consulted_systems, journey_figure, question_figure
from .._model import Journey, Model, need, need_model, old_spellings
from .declared import total_money
from .rates import Rates, load_rates

__all__ = ["BY", "fixes", "money_of", "saving"]

BY = ("score", "money")  # how fixes are ranked: by the score after, or by what they save
POOL = 3  # --by money ranks the fixes of a score search this many times as long (at least 30)


Known = dict[Journey, JourneyFigure]  # journeys already measured, by the journey as declared


def money_of(model: Model, rates: Rates, known: Known | None = None) -> Fraction | None:
    """The total money a month of a valid ``model`` at ``rates`` (``None``: nothing is costed).

    Only the journeys' and the questions' figures are measured. A journey in ``known`` (declared the
    same, step for step) keeps the figure measured there: its hand-offs, re-entries (silo and
    process alike) and channel switches depend on its own steps only, so a change elsewhere leaves
    its money as it was; the questions are measured again, since a change anywhere may move a cover.

    >>> import silomap
    >>> from silomap._cost import load_rates
    >>> money_of(silomap.load("models/retail-bank"), load_rates("examples/rates.yaml"))
    Fraction(711875, 24)
    """
    flows = Flows(model)
    consulted = consulted_systems(model)
    known = known or {}
    journeys = [known.get(j) or journey_figure(j, flows) for j in model.journeys]
    questions = [question_figure(q, flows, consulted[q.id]) for q in model.questions]
    return total_money(journeys, questions, rates)


def saving(before: Fraction | None, after: Fraction | None) -> float | None:
    """Before minus after, ``None`` if either is (a negative saving: the change costs more).

    >>> saving(Fraction(10), Fraction(4)), saving(Fraction(1), None)
    (6.0, None)
    """
    return None if before is None or after is None else float(before - after)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _priced(model: Model, found: Fixes, rates: Rates) -> Fixes:
    """``found`` with each fix's saving and each roadmap step's money after it."""
    flows = Flows(model)
    known = {j: journey_figure(j, flows) for j in model.journeys}
    before = money_of(model, rates, known)
    listed = tuple(
        replace(f, saves=saving(before, money_of(apply(model, f.change), rates, known))) for f in found.fixes
    )
    steps, current = [], model
    for step in found.roadmap:
        current = apply(current, step.change)
        steps.append(replace(step, cost_after=_float(money_of(current, rates, known))))
    return replace(
        found, fixes=listed, roadmap=tuple(steps), currency=rates.currency, cost=_float(before), by="score"
    )


def _by_money(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes that save money, the most first, then the larger drop of the score, then score rank."""
    saving_ones = [f for f in fixes if f.saves is not None and f.saves > 0]
    return sorted(saving_ones, key=lambda f: (-(f.saves or 0), f.delta, f.rank))


Search = Callable[[Model, int, int], Fixes]  # a model, top, roadmap -> the fixes in the asked scope


def _money_roadmap(
    model: Model, rates: Rates, steps: int, pool: int, search: Search
) -> tuple[RoadmapStep, ...]:
    """Apply the fix saving most, measure again, ``steps`` times; each step with its money after."""
    out: list[RoadmapStep] = []
    for _ in range(steps):
        found = _priced(model, search(model, pool, 0), rates)
        best = next(iter(_by_money(found.fixes)), None)
        if best is None:
            break
        model = apply(model, best.change)
        after = _float(money_of(model, rates))
        out.append(RoadmapStep(best.change, best.effort, best.score_after, best.summary, cost_after=after))
    return tuple(out)


@old_spellings(renamed={"effort_kind": "effort"}, positional=("top", "effort", "roadmap"))
def fixes(
    model: Model,
    *,
    top: int = 10,
    effort: str | None = None,
    roadmap: int = 5,
    keep: Iterable[str] = (),
    without: Iterable[str] = (),
    rates: Rates | str | os.PathLike[str] | None = None,
    by: str = "score",
    progress: bool | None = None,
) -> Fixes:
    """The fixes that lower the score, best first, and a roadmap; with ``rates``, what each saves.

    Parameters
    ----------
    model
        A valid model.
    top, roadmap
        How many fixes to list (changes with the same effect count once); the roadmap's steps.
    effort
        ``"quick"`` or ``"big"``: only fixes of that effort, in the list and in the roadmap.
    keep, without
        Ids of systems no fix may touch (no link, merge, retirement or step change at them); kinds left out.
    rates
        A rates file or :class:`silomap.Rates`: the money now (``cost``), ``saves``, ``cost_after``.
    by
        ``"score"``, or ``"money"`` (with ``rates``): the fixes that save money, the most first, then
        the larger drop of the score, then the score's order; the roadmap applies the one saving most.
    progress
        A bar on standard error: ``None`` on a terminal or in a notebook, ``False`` never.

    Returns
    -------
    Fixes
        The score now, the fixes ranked, and the roadmap; in money too with ``rates``.

    Raises
    ------
    silomap.UsageError
        An argument of another kind, a count below its least, ``by="money"`` without ``rates``.
    silomap.ModelError
        The model is invalid; each mistake of the rates file, located.

    Examples
    --------
    >>> import silomap
    >>> bank = silomap.load("models/retail-bank")
    >>> by_money = silomap.fixes(bank, top=1, roadmap=0, rates="examples/rates.yaml", by="money")
    >>> by_money.currency, by_money.fixes[0].saves  # where-is-my-card: 4,200 * 0.5 min = 35 h * 42.5
    ('EUR', 1487.5)
    """
    _check(model, rates, by)
    search: Search = partial(_search, scope=(effort, tuple(keep), tuple(without)), progress=progress)
    if rates is None:
        return search(model, top, roadmap)
    read = rates if isinstance(rates, Rates) else load_rates(rates)
    if by == "money":
        return _ranked_by_money(model, read, top, roadmap, search)
    return _priced(model, search(model, top, roadmap), read)


def _search(
    model: Model,
    top: int,
    roadmap: int,
    *,
    scope: tuple[str | None, tuple[str, ...], tuple[str, ...]],
    progress: bool | None,
) -> Fixes:
    """The fixes by score, in ``scope`` (the effort, the systems kept, the kinds left out)."""
    effort, keep, without = scope
    return ranked_fixes(
        model, top=top, effort=effort, roadmap=roadmap, keep=keep, without=without, progress=progress
    )


def _check(model: object, rates: object, by: object) -> None:
    need_model(model)
    need(by, str, "by", "score or money")
    if by not in BY:
        raise UsageError(f"{{param}} is {by!r}: one of {', '.join(BY)}", param="by")
    if by == "money" and rates is None:
        raise UsageError("{param} money ranks fixes by what they save: give rates too", param="by")
    need(rates, (Rates, str, os.PathLike), "rates", "a rates file or a silomap.Rates", optional=True)


def _ranked_by_money(model: Model, rates: Rates, top: int, roadmap: int, search: Search) -> Fixes:
    """The ``top`` fixes that save most, among the fixes of a longer search by score."""
    pool = max(top * POOL, 30)
    found = _priced(model, search(model, pool, 0), rates)
    listed = tuple(replace(f, rank=i) for i, f in enumerate(_by_money(found.fixes)[:top], start=1))
    road = _money_roadmap(model, rates, roadmap, pool, search)
    return replace(found, fixes=listed, roadmap=road, by="money")
