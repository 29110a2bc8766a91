"""The figures of the metrics spec, each with its evidence.

One function per figure, each taking the model (and its :class:`Flows`)
and returning frozen records. ``docs/metrics.md`` works every figure by hand
on a small model; ``tests/test_figures.py`` checks the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from networkx.utils import UnionFind

from .._model import Journey, Model, Question
from .cover import min_cover
from .flows import Flows

__all__ = [
    "EntityFigure",
    "Handoff",
    "JourneyFigure",
    "Measured",
    "QuestionFigure",
    "Reentry",
    "Switch",
    "TeamFigure",
    "Unbacked",
    "entity_figures",
    "isolated_systems",
    "journey_figures",
    "question_figures",
    "team_figures",
    "unbacked_answers",
]

SELF_SERVICE = "self-service"


@dataclass(frozen=True)
class QuestionFigure:
    """Systems per question: the smallest set of systems exposing all it needs.

    Attributes
    ----------
    id, needs, volume, consulted, exposers
        The question, the entities it needs, times asked a month, the systems its answering steps
        use, and each needed entity with the systems exposing it.
    spq, cover, exact
        Systems per question and the cover's systems; not ``exact``: greedy (over 12 needs), a bound.

    Examples
    --------
    >>> import silomap
    >>> q = silomap.analyze(silomap.load("models/retail-bank")).question("where-is-my-card")
    >>> q.spq, q.cover
    (2, ('card-management', 'courier-portal'))
    """

    id: str
    needs: tuple[str, ...]
    spq: int
    exact: bool
    cover: tuple[str, ...]
    consulted: tuple[str, ...]
    exposers: tuple[tuple[str, tuple[str, ...]], ...]
    volume: float | None


@dataclass(frozen=True)
class Handoff:
    """The customer passed from one provider to the next between two steps."""

    after: str
    before: str
    from_provider: str
    to_provider: str


@dataclass(frozen=True)
class Switch:
    """The customer changes channel between two steps."""

    after: str
    before: str
    from_channel: str
    to_channel: str


@dataclass(frozen=True)
class Reentry:
    """Entity typed again at ``step`` after ``first`` captured it.

    ``kind`` is ``"silo"`` when no system of the step could have received
    the entity, ``"process"`` when it was there and typed again anyway.
    ``source`` is the step the data came from: for a process re-entry, the
    earliest capture whose systems made it available at ``step``; for a silo
    re-entry, ``first``.
    """

    step: str
    entity: str
    kind: str
    first: str
    source: str


@dataclass(frozen=True)
class JourneyFigure:
    """Hand-offs, channel switches and re-entries of one journey.

    Attributes
    ----------
    id, volume, captures, handoffs, handoff_at, channel_switches, switches
        The journey, its runs a month, how often its steps take data in, the work passes to another
        provider and the customer changes channel (and where).
    reentries
        Data given again: ``silo`` when it could not be there, ``process`` when it was.

    Examples
    --------
    >>> import silomap
    >>> j = silomap.analyze(silomap.load("models/retail-bank")).journey("report-lost-card")
    >>> j.handoffs, j.silo_reentries, j.channel_switches
    (2, 2, 1)
    """

    id: str
    handoffs: int
    handoff_at: tuple[Handoff, ...]
    channel_switches: int
    switches: tuple[Switch, ...]
    captures: int
    reentries: tuple[Reentry, ...]
    volume: float | None

    @property
    def silo_reentries(self) -> int:
        """Re-entries where the data could not have been there."""
        return sum(1 for r in self.reentries if r.kind == "silo")

    @property
    def process_reentries(self) -> int:
        """Re-entries where the data was there and was typed again."""
        return sum(1 for r in self.reentries if r.kind == "process")


@dataclass(frozen=True)
class TeamFigure:
    """The agent desktop of a team: the distinct systems it uses in its steps.

    Attributes
    ----------
    id, desktop, systems, steps
        The team, how many distinct systems it uses, those systems, and its (journey, step) pairs.

    Examples
    --------
    >>> import silomap
    >>> t = silomap.analyze(silomap.load("models/retail-bank")).teams[0]
    >>> t.id, t.desktop
    ('contact-center', 5)
    """

    id: str
    desktop: int
    systems: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EntityFigure:
    """Copies of an entity held by two or more systems, and how many are unsynced.

    Attributes
    ----------
    id, holders, groups, unsynced, possible
        The entity, the systems holding it, those sharing one copy (joined by integrations), copies
        beyond the first (``len(groups) - 1``) and the most there could be.

    Examples
    --------
    >>> import silomap
    >>> e = silomap.analyze(silomap.load("models/retail-bank")).entities[1]
    >>> e.id, len(e.holders), e.unsynced
    ('address', 5, 3)
    """

    id: str
    holders: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    unsynced: int
    possible: int


@dataclass(frozen=True)
class Unbacked:
    """A step that answers a question without systems exposing all it needs.

    Attributes
    ----------
    question, journey, step, missing
        The question, the step that answers it, and the entities no system of the step exposes.

    Examples
    --------
    >>> import silomap
    >>> u = silomap.analyze(silomap.load("models/retail-bank")).unbacked[0]
    >>> u.question, u.step, u.missing
    ('why-was-my-card-declined', 'block-and-reorder', ('transaction', 'account-balance'))
    """

    question: str
    journey: str
    step: str
    missing: tuple[str, ...]


def consulted_systems(model: Model) -> dict[str, set[str]]:
    """For each question, the systems of the steps that answer it."""
    consulted: dict[str, set[str]] = {q.id: set() for q in model.questions}
    for journey in model.journeys:
        for step in journey.steps:
            for answered in step.answers:
                consulted[answered].update(step.systems)
    return consulted


def question_figure(question: Question, flows: Flows, consulted: set[str]) -> QuestionFigure:
    """Systems per question for one question: the cover, and the systems exposing each need."""
    masks: dict[str, int] = {}
    exposers = []
    for bit, entity in enumerate(question.needs):
        systems = flows.exposers(entity)
        exposers.append((entity, tuple(sorted(systems))))
        for system in systems:
            masks[system] = masks.get(system, 0) | (1 << bit)
    cover, exact = min_cover(len(question.needs), sorted(masks.items()))
    return QuestionFigure(
        id=question.id,
        needs=question.needs,
        spq=len(cover),
        exact=exact,
        cover=cover,
        consulted=tuple(sorted(consulted)),
        exposers=tuple(exposers),
        volume=question.volume,
    )


def question_figures(model: Model, flows: Flows) -> list[QuestionFigure]:
    """Systems per question, the cover found and the systems consulted."""
    consulted = consulted_systems(model)
    return [question_figure(q, flows, consulted[q.id]) for q in model.questions]


def _provider(actor: str, systems: tuple[str, ...]) -> str | None:
    if actor != "customer":
        return actor
    return SELF_SERVICE if systems else None


def _reentries(journey: Journey, flows: Flows) -> list[Reentry]:
    """Classify each capture of an entity already captured earlier in the journey.

    Near-linear: for each entity, every system of an earlier capturing step is
    followed once, and each system it reaches remembers the earliest such step.
    """
    out = []
    first: dict[str, str] = {}  # entity -> the step that captured it first
    followed: dict[str, set[str]] = {}  # entity -> systems of capturing steps already followed
    there: dict[str, dict[str, tuple[int, str]]] = {}  # entity -> system -> earliest step it reaches from
    for index, step in enumerate(journey.steps):
        for entity in step.captures:
            if entity in first:
                sources = [there[entity][s] for s in step.systems if s in there[entity]]
                kind, source = ("process", min(sources)[1]) if sources else ("silo", first[entity])
                out.append(Reentry(step.id, entity, kind, first[entity], source))
            else:
                first[entity] = step.id
                followed[entity], there[entity] = set(), {}
            for system in step.systems:
                # a system an earlier capture already reaches adds nothing: all it reaches, that one does
                if system not in followed[entity] and system not in there[entity]:
                    followed[entity].add(system)
                    for reached in flows.reach(entity, system):
                        there[entity].setdefault(reached, (index, step.id))
    return out


def journey_figure(journey: Journey, flows: Flows) -> JourneyFigure:
    """Hand-offs, channel switches, captures and re-entries of one journey."""
    handoffs: list[Handoff] = []
    last: tuple[str, str] | None = None
    for step in journey.steps:
        provider = _provider(step.actor, step.systems)
        if provider is None:
            continue
        if last is not None and last[1] != provider:
            handoffs.append(Handoff(last[0], step.id, last[1], provider))
        last = (step.id, provider)
    switches: list[Switch] = []
    previous: tuple[str, str] | None = None
    for step in journey.steps:
        if step.channel == "internal":
            continue
        if previous is not None and previous[1] != step.channel:
            switches.append(Switch(previous[0], step.id, previous[1], step.channel))
        previous = (step.id, step.channel)
    return JourneyFigure(
        id=journey.id,
        handoffs=len(handoffs),
        handoff_at=tuple(handoffs),
        channel_switches=len(switches),
        switches=tuple(switches),
        captures=sum(len(step.captures) for step in journey.steps),
        reentries=tuple(_reentries(journey, flows)),
        volume=journey.volume,
    )


def journey_figures(model: Model, flows: Flows) -> list[JourneyFigure]:
    """Hand-offs, channel switches, captures and re-entries of every journey."""
    return [journey_figure(journey, flows) for journey in model.journeys]


def team_figures(model: Model, stage: str | None = None) -> list[TeamFigure]:
    """The desktop of every team that acts in at least one step (of the journeys of ``stage``, when
    given), in model order."""
    systems: dict[str, set[str]] = {}
    steps: dict[str, list[tuple[str, str]]] = {}
    for journey in model.journeys:
        if stage is not None and journey.stage != stage:
            continue
        for step in journey.steps:
            if step.actor == "customer":
                continue
            systems.setdefault(step.actor, set()).update(step.systems)
            steps.setdefault(step.actor, []).append((journey.id, step.id))
    return [
        TeamFigure(team.id, len(systems[team.id]), tuple(sorted(systems[team.id])), tuple(steps[team.id]))
        for team in model.teams
        if team.id in systems
    ]


def entity_figure(entity: str, flows: Flows) -> EntityFigure | None:
    """Unsynced copies of one entity, or ``None`` when fewer than two systems hold it."""
    holders = flows.holders.get(entity, [])
    if len(holders) < 2:
        return None
    joined = UnionFind(holders)
    for source, target in flows.links(entity):
        joined.union(source, target)
    groups: dict[str, list[str]] = {}
    for holder in holders:
        groups.setdefault(joined[holder], []).append(holder)
    ordered = sorted(tuple(sorted(g)) for g in groups.values())
    return EntityFigure(
        id=entity,
        holders=tuple(sorted(holders)),
        groups=tuple(ordered),
        unsynced=len(ordered) - 1,
        possible=len(holders) - 1,
    )


def entity_figures(model: Model, flows: Flows) -> list[EntityFigure]:
    """Unsynced copies of every entity held by two or more systems, in model order."""
    return [figure for e in model.entities if (figure := entity_figure(e.id, flows)) is not None]


def isolated_systems(model: Model) -> list[str]:
    """Systems with no non-manual integration in or out, in model order."""
    linked = {
        end for link in model.integrations if link.mode != "manual" for end in (link.source, link.target)
    }
    return [system.id for system in model.systems if system.id not in linked]


def unbacked_answers(model: Model, flows: Flows) -> list[Unbacked]:
    """Steps that answer a question while their systems miss some of what it needs."""
    needs = {q.id: q.needs for q in model.questions}
    out = []
    for journey in model.journeys:
        for step in journey.steps:
            for answered in step.answers:
                missing = tuple(e for e in needs[answered] if flows.exposers(e).isdisjoint(step.systems))
                if missing:
                    out.append(Unbacked(answered, journey.id, step.id, missing))
    return out


@dataclass(frozen=True)
class Measured:
    """The figures the score's components are computed from."""

    questions: tuple[QuestionFigure, ...]
    journeys: tuple[JourneyFigure, ...]
    teams: tuple[TeamFigure, ...]
    entities: tuple[EntityFigure, ...]
