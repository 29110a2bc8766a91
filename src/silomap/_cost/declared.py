"""The declared cost a month (``cost.md``): each seam of the metrics priced at the rates.

Hand-offs ``H(J)``, re-entries ``R(J)`` and channel switches ``CS(J)`` of a journey and systems per
question ``SPQ(q)`` are read from their figures (an :class:`Analysis`'s; never measured again); a journey or
question without a ``volume`` is not costed (listed, never counted as zero). Everything is exact
(:class:`fractions.Fraction`); rounding is the presenter's, at display.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .._metrics import JourneyFigure, QuestionFigure
from .._model import Model
from .rates import Rates, exact

__all__ = [
    "Declared",
    "JourneyCost",
    "NotCosted",
    "QuestionCost",
    "Seam",
    "Seams",
    "TeamCost",
    "Total",
    "Unattributed",
    "declared",
    "total_money",
]

SELF_SERVICE = "self-service"  # the provider of a customer's step that uses a system (metrics.md)
CUSTOMER = "customer"


@dataclass(frozen=True)
class Seam:
    """One kind of seam a month: how many (``count``), the ``minutes`` they take (agent minutes;
    customer minutes for channel switches) and their ``money`` (``None``: customer minutes not
    valued)."""

    count: Fraction
    minutes: Fraction
    money: Fraction | None


@dataclass(frozen=True)
class Seams:
    """Each kind of seam a month; ``None`` where no item of its kind is costed."""

    handoffs: Seam | None
    reentries: Seam | None
    extra_systems: Seam | None
    channel_switches: Seam | None


@dataclass(frozen=True)
class JourneyCost:
    """One costed journey: its runs a month, its seams per run, and its minutes and money a month."""

    id: str
    volume: Fraction
    handoffs: int
    reentries: int
    channel_switches: int
    agent_minutes: Fraction
    customer_minutes: Fraction
    money: Fraction


@dataclass(frozen=True)
class QuestionCost:
    """One costed question: times asked a month, systems per question (``upper_bound`` where the
    cover is greedy), and the agent minutes and money of its extra systems a month."""

    id: str
    volume: Fraction
    systems: int
    upper_bound: bool
    agent_minutes: Fraction
    money: Fraction


@dataclass(frozen=True)
class TeamCost:
    """A team's seams a month: hand-offs it receives, re-entries at its steps, their minutes and
    money."""

    id: str
    handoffs: Fraction
    reentries: Fraction
    agent_minutes: Fraction
    money: Fraction


@dataclass(frozen=True)
class Unattributed:
    """What no team carries: hand-offs to self-service, re-entries at customer steps, extra
    systems (each ``None`` where its kind is not costed) and the channel switches' valued minutes,
    so that teams and unattributed add up to the total."""

    handoffs: Fraction | None
    reentries: Fraction | None
    extra_systems: Fraction | None
    agent_minutes: Fraction
    money: Fraction


@dataclass(frozen=True)
class Total:
    """Everything costed a month: money, agent minutes, and customer minutes (``None`` where no
    journey is costed) with their money (``None`` while a customer minute is valued at 0)."""

    money: Fraction
    agent_minutes: Fraction
    customer_minutes: Fraction | None
    customer_money: Fraction | None

    @property
    def agent_hours(self) -> Fraction:
        """Agent minutes in hours."""
        return self.agent_minutes / 60


@dataclass(frozen=True)
class NotCosted:
    """The journeys and questions without a ``volume``, in the model's order."""

    journeys: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Declared:
    """The declared cost a month of one model at one set of rates."""

    total: Total | None
    seams: Seams
    journeys: tuple[JourneyCost, ...]
    questions: tuple[QuestionCost, ...]
    teams: tuple[TeamCost, ...]
    unattributed: Unattributed | None
    not_costed: NotCosted


def _journey(j: JourneyFigure, volume: Fraction, rates: Rates) -> JourneyCost:
    agent = volume * (j.handoffs * rates.handoff + len(j.reentries) * rates.reentry)
    customer = volume * j.channel_switches * rates.channel_switch
    money = agent / 60 * rates.agent_hour + customer * rates.customer_minute
    return JourneyCost(j.id, volume, j.handoffs, len(j.reentries), j.channel_switches, agent, customer, money)


def _question(q: QuestionFigure, volume: Fraction, rates: Rates) -> QuestionCost:
    agent = volume * (q.spq - 1) * rates.extra_system
    return QuestionCost(q.id, volume, q.spq, not q.exact, agent, agent / 60 * rates.agent_hour)


def _seam(count: Fraction, minutes: Fraction, per_minute: Fraction) -> Seam:
    return Seam(count, minutes, minutes * per_minute if per_minute else None)


def _sum(values: Iterable[Fraction]) -> Fraction:
    return sum(values, Fraction(0))


Counts = tuple[Fraction, Fraction, Fraction]  # hand-offs, re-entries, channel switches a month


def _dot(pairs: Iterable[tuple[Fraction, int]]) -> Fraction:
    """The sum of ``volume * count``; whole volumes in integers (a big model has thousands)."""
    whole, rest = 0, Fraction(0)
    for volume, count in pairs:
        if volume.denominator == 1:
            whole += volume.numerator * count
        else:
            rest += volume * count
    return rest + whole


def _counts(
    journeys: Sequence[JourneyFigure], questions: Sequence[QuestionFigure]
) -> tuple[Counts | None, Fraction | None]:
    """Each seam a month over the items with a volume; ``None`` for a kind with none."""
    runs = [(exact(j.volume), j) for j in journeys if j.volume is not None]
    counts = None
    if runs:
        counts = (
            _dot((v, j.handoffs) for v, j in runs),
            _dot((v, len(j.reentries)) for v, j in runs),
            _dot((v, j.channel_switches) for v, j in runs),
        )
    asked = [(exact(q.volume), q.spq - 1) for q in questions if q.volume is not None]
    return counts, _dot(asked) if asked else None


def _seams(counts: Counts | None, extra_count: Fraction | None, rates: Rates) -> Seams:
    agent = rates.agent_hour / 60
    handoffs = reentries = switches = extra = None
    if counts is not None:
        handoffs = _seam(counts[0], counts[0] * rates.handoff, agent)
        reentries = _seam(counts[1], counts[1] * rates.reentry, agent)
        switches = _seam(counts[2], counts[2] * rates.channel_switch, rates.customer_minute)
    if extra_count is not None:
        extra = _seam(extra_count, extra_count * rates.extra_system, agent)
    return Seams(handoffs, reentries, extra, switches)


def total_money(
    journeys: Sequence[JourneyFigure], questions: Sequence[QuestionFigure], rates: Rates
) -> Fraction | None:
    """The total money a month alone, as :func:`declared` has it (``None``: nothing is costed).

    >>> import silomap
    >>> from silomap._cost import load_rates
    >>> a = silomap.analyze(silomap.load("models/retail-bank"))
    >>> total_money(a.journeys, a.questions, load_rates("examples/rates.yaml"))
    Fraction(711875, 24)
    """
    total = _total(_seams(*_counts(journeys, questions), rates))
    return None if total is None else total.money


def _teams(
    model: Model, figures: Sequence[JourneyFigure], costed: dict[str, Fraction], rates: Rates
) -> tuple[list[TeamCost], Fraction, Fraction]:
    """Each team's hand-offs received and re-entries at its steps, a month; and the hand-offs
    and re-entries no team carries."""
    actor = {(j.id, s.id): s.actor for j in model.journeys for s in j.steps}
    handoffs: dict[str, Fraction] = {}
    reentries: dict[str, Fraction] = {}
    loose_handoffs = loose_reentries = Fraction(0)
    for j in figures:
        if j.id not in costed:
            continue
        v = costed[j.id]
        for h in j.handoff_at:
            if h.to_provider == SELF_SERVICE:
                loose_handoffs += v
            else:
                handoffs[h.to_provider] = handoffs.get(h.to_provider, Fraction(0)) + v
        for r in j.reentries:
            who = actor[(j.id, r.step)]
            if who == CUSTOMER:
                loose_reentries += v
            else:
                reentries[who] = reentries.get(who, Fraction(0)) + v
    teams = []
    for team in sorted(handoffs.keys() | reentries.keys()):
        received, typed = handoffs.get(team, Fraction(0)), reentries.get(team, Fraction(0))
        minutes = received * rates.handoff + typed * rates.reentry
        teams.append(TeamCost(team, received, typed, minutes, minutes / 60 * rates.agent_hour))
    teams.sort(key=lambda t: -t.agent_minutes)  # stable: ties stay by id
    return teams, loose_handoffs, loose_reentries


def _total(seams: Seams) -> Total | None:
    agent = [s for s in (seams.handoffs, seams.reentries, seams.extra_systems) if s is not None]
    if not agent:
        return None
    minutes = _sum(s.minutes for s in agent)
    switches = seams.channel_switches
    customer_money = None if switches is None else switches.money
    money = _sum(s.money or Fraction(0) for s in agent) + (customer_money or 0)
    return Total(money, minutes, None if switches is None else switches.minutes, customer_money)


def declared(
    model: Model, journeys: Sequence[JourneyFigure], questions: Sequence[QuestionFigure], rates: Rates
) -> Declared:
    """The declared cost a month of ``model`` at ``rates``, from the figures of its journeys and
    questions (``Analysis.journeys`` and ``Analysis.questions``, in the model's order).

    >>> import silomap
    >>> from silomap._cost import load_rates
    >>> model = silomap.load("models/retail-bank")
    >>> a = silomap.analyze(model)
    >>> d = declared(model, a.journeys, a.questions, load_rates("examples/rates.yaml"))
    >>> d.seams.handoffs.count, d.seams.handoffs.money
    (Fraction(9600, 1), Fraction(20400, 1))
    """
    volume = {j.id: exact(j.volume) for j in journeys if j.volume is not None}
    costed = [_journey(j, volume[j.id], rates) for j in journeys if j.id in volume]
    asked = [_question(q, exact(q.volume), rates) for q in questions if q.volume is not None]
    seams = _seams(*_counts(journeys, questions), rates)
    total = _total(seams)
    teams, loose_handoffs, loose_reentries = _teams(model, journeys, volume, rates)
    unattributed = None
    if total is not None:
        extra = seams.extra_systems
        minutes = loose_handoffs * rates.handoff + loose_reentries * rates.reentry
        minutes += Fraction(0) if extra is None else extra.minutes
        unattributed = Unattributed(
            handoffs=None if seams.handoffs is None else loose_handoffs,
            reentries=None if seams.reentries is None else loose_reentries,
            extra_systems=None if extra is None else extra.count,
            agent_minutes=minutes,
            money=minutes / 60 * rates.agent_hour + (total.customer_money or 0),
        )
    not_costed = NotCosted(
        tuple(j.id for j in journeys if j.volume is None),
        tuple(q.id for q in questions if q.volume is None),
    )
    return Declared(total, seams, tuple(costed), tuple(asked), tuple(teams), unattributed, not_costed)
