"""What customers feel (``experience.md``): systems per journey, effort, replaced systems, KPIs.

Reported beside the silo score, never part of it: no function here feeds a
component.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .._model import REPLACED, Goal, Journey, Kpis, KpiSpec, Model
from .drafted import log_evidence
from .figures import JourneyFigure

__all__ = [
    "JourneyExperience",
    "KpiCorrelation",
    "KpiRow",
    "ReplacedUse",
    "TeamHours",
    "journey_experience",
    "kpi_correlation",
    "kpi_rows",
    "spearman",
    "team_hours",
]

MIN_JOURNEYS_FOR_CORRELATION = 5


@dataclass(frozen=True)
class ReplacedUse:
    """A step that uses a ``phasing-out`` or ``retired`` system."""

    step: str
    system: str
    lifecycle: str


@dataclass(frozen=True)
class JourneyExperience:
    """Systems per journey, journey minutes, agent hours, replaced systems and KPIs of one journey.

    ``minutes`` is ``None`` unless every step has minutes; ``agent_hours`` is
    ``None`` without a journey volume or without a team step that has
    minutes, and ``agent_hours_complete`` says whether every team step had them. Hours and
    minutes are exact fractions.

    Attributes
    ----------
    id
        The journey.
    systems
        The distinct systems its steps use.
    minutes
        The journey's minutes, when every step has them.
    agent_hours, agent_hours_complete
        The agents' hours a month, and whether every team step had minutes.
    team_hours
        The hours of each team.
    replaced
        The systems being replaced that it still uses.
    drafted
        For a journey drafted from a log (its ``x-evidence``), what it rests on, in words:
        ``drafted from 4,384 cases, 92 a month``.

    Examples
    --------
    >>> import silomap
    >>> e = silomap.analyze(silomap.load("models/retail-bank")).experience_of("explore-mortgage")
    >>> len(e.systems), float(e.minutes), float(e.agent_hours), e.replaced[0].system
    (5, 58.0, 900.0, 'crm-harbor')
    """

    id: str
    systems: tuple[str, ...]
    minutes: Fraction | None
    agent_hours: Fraction | None
    agent_hours_complete: bool
    team_hours: tuple[tuple[str, Fraction], ...]
    replaced: tuple[ReplacedUse, ...]
    drafted: str | None = None


@dataclass(frozen=True)
class TeamHours:
    """The agent hours a team spends a month on journeys, summed over journeys."""

    id: str
    hours: Fraction


@dataclass(frozen=True)
class KpiRow:
    """One KPI of the model (``scope`` ``"model"``, ``id`` ``""``), a journey or a question.

    Attributes
    ----------
    scope, id
        ``model`` (id ``""``), ``journey`` or ``question``, and its id.
    kpi
        Which KPI: its id, its range and whether higher is better.
    goal
        The value measured and its target (:class:`Goal`).
    measured
        The date of the measurement, if given.

    Examples
    --------
    >>> import silomap
    >>> row = silomap.analyze(silomap.load("models/retail-bank")).kpis[0]
    >>> row.scope, row.kpi.id, row.goal.value, row.goal.target, row.met
    ('model', 'nps', -8.0, 10.0, False)
    """

    scope: str
    id: str
    kpi: KpiSpec
    goal: Goal
    measured: datetime.date | None

    @property
    def met(self) -> bool | None:
        """Whether its target is met; ``None`` without a target."""
        return self.goal.met(self.kpi.id)


def kpi_rows(model: Model) -> tuple[KpiRow, ...]:
    """Every KPI given: the model's, then each journey's and each question's, in model order."""
    holders: list[tuple[str, str, Kpis | None]] = [("model", "", model.kpis)]
    holders += [("journey", j.id, j.kpis) for j in model.journeys]
    holders += [("question", q.id, q.kpis) for q in model.questions]
    return tuple(
        KpiRow(scope, ident, spec, goal, kpis.measured)
        for scope, ident, kpis in holders
        if kpis is not None
        for spec, goal in kpis.goals()
    )


@dataclass(frozen=True)
class KpiCorrelation:
    """Spearman's rank correlation of frictions (hand-offs + re-entries) and NPS over ``n`` journeys."""

    n: int
    spearman: float
    points: tuple[tuple[str, int, float], ...]  # (journey, frictions, nps)


def journey_experience(journey: Journey, lifecycle: Mapping[str, str]) -> JourneyExperience:
    """The experience figures of one journey; ``lifecycle`` maps each system to its lifecycle."""
    systems = tuple(dict.fromkeys(s for step in journey.steps for s in step.systems))
    every = all(step.minutes is not None for step in journey.steps)
    minutes = sum((Fraction(s.minutes) for s in journey.steps if s.minutes is not None), Fraction(0))
    hours: dict[str, Fraction] = {}
    complete = True
    for step in journey.steps:
        if step.actor == "customer":
            continue
        if step.minutes is None:
            complete = False
        elif journey.volume is not None:
            hours[step.actor] = (
                hours.get(step.actor, Fraction(0)) + Fraction(step.minutes) * Fraction(journey.volume) / 60
            )
    replaced = tuple(
        ReplacedUse(step.id, s, lifecycle[s])
        for step in journey.steps
        for s in step.systems
        if lifecycle.get(s) in REPLACED
    )
    return JourneyExperience(
        id=journey.id,
        systems=systems,
        minutes=minutes if every else None,
        agent_hours=sum(hours.values(), Fraction(0)) if hours else None,
        agent_hours_complete=complete,
        team_hours=tuple(hours.items()),
        replaced=replaced,
        drafted=None if (found := log_evidence(journey)) is None else found.text(volume=journey.volume),
    )


def team_hours(model: Model, journeys: Sequence[JourneyExperience]) -> tuple[TeamHours, ...]:
    """Agent hours a month per team, over every journey that gives them, in model order."""
    total: dict[str, Fraction] = {}
    for journey in journeys:
        for team, hours in journey.team_hours:
            total[team] = total.get(team, Fraction(0)) + hours
    return tuple(TeamHours(team.id, total[team.id]) for team in model.teams if team.id in total)


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing the average of the ranks they span (Python 3.12's
    ``statistics.correlation(method="ranked")`` does this; silomap still supports 3.11)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            ranks[i] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation, ties by average ranks; ``None`` when a side has no spread.

    >>> spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])
    0.8207826816681233
    """
    rx, ry = _ranks(x), _ranks(y)
    if len(set(rx)) < 2 or len(set(ry)) < 2:
        return None
    return statistics.correlation(rx, ry)


def kpi_correlation(figures: Sequence[JourneyFigure], kpis: Sequence[KpiRow]) -> KpiCorrelation | None:
    """Frictions against NPS over the journeys that carry an NPS, when there are at least 5
    (and both sides vary)."""
    nps = {row.id: row.goal.value for row in kpis if row.scope == "journey" and row.kpi.id == "nps"}
    points = [(f.id, f.handoffs + len(f.reentries), nps[f.id]) for f in figures if f.id in nps]
    if len(points) < MIN_JOURNEYS_FOR_CORRELATION:
        return None
    rho = spearman([p[1] for p in points], [p[2] for p in points])
    return None if rho is None else KpiCorrelation(len(points), round(rho, 3), tuple(points))
