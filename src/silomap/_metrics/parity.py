"""Channel parity (``experience.md``): which digital channels answer each question, and from where.

The digital channels of a model are those among ``web``, ``mobile``,
``ios``, ``android`` used by a step whose actor is the customer. For a
question, ``C(q)`` is the digital channels of the customer's steps that answer
it; the gap is the digital channels not in ``C(q)``; two self-service steps
on different digital channels diverge when the systems that expose the
question's needs to each differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._model import DIGITAL_CHANNELS, Model
from .flows import Flows

__all__ = ["Divergence", "QuestionParity", "Side", "digital_channels", "parity"]


@dataclass(frozen=True)
class Side:
    """One side of a divergence: a channel, the systems behind it, and the first step seen there."""

    channel: str
    systems: tuple[str, ...]
    journey: str
    step: str


@dataclass(frozen=True)
class Divergence:
    """Two self-service steps answering the same question from different systems."""

    a: Side
    b: Side


@dataclass(frozen=True)
class QuestionParity:
    """``channels`` is ``C(q)``; ``gap`` the digital channels missing (empty unless self-served).

    Attributes
    ----------
    id
        The question.
    channels
        The channels that can answer it.
    gap
        The digital channels missing.
    diverging
        Channels that answer it from different systems.

    Examples
    --------
    >>> import silomap
    >>> p = silomap.analyze(silomap.load("models/telecom")).parity_of("how-much-data-left")
    >>> p.self_served, p.channels, p.gap
    (True, ('android',), ('web', 'ios'))
    """

    id: str
    channels: tuple[str, ...]
    gap: tuple[str, ...]
    diverging: tuple[Divergence, ...]

    @property
    def self_served(self) -> bool:
        """Whether a customer can get this answer alone on at least one digital channel."""
        return bool(self.channels)


def digital_channels(model: Model) -> tuple[str, ...]:
    """The digital channels the customer uses in at least one step, in the order web, mobile, ios, android."""
    used = {s.channel for j in model.journeys for s in j.steps if s.actor == "customer"}
    return tuple(c for c in DIGITAL_CHANNELS if c in used)


def parity(model: Model, flows: Flows) -> tuple[QuestionParity, ...]:
    """Channel parity of every question, in model order.

    >>> import silomap
    >>> result = silomap.analyze(silomap.load("models/retail-bank"))
    >>> card, balance = result.parity_of("where-is-my-card"), result.parity_of("what-is-my-balance")
    >>> card.channels, card.gap
    (('web',), ('mobile',))
    >>> balance.gap, [(d.a.channel, d.a.systems, d.b.channel, d.b.systems) for d in balance.diverging]
    ((), [('web', ('web-banking',), 'mobile', ('mobile-app',))])
    """
    digital = digital_channels(model)
    sides: dict[str, dict[tuple[str, tuple[str, ...]], Side]] = {q.id: {} for q in model.questions}
    channels: dict[str, set[str]] = {q.id: set() for q in model.questions}
    needs = {q.id: q.needs for q in model.questions}
    for journey in model.journeys:
        for step in journey.steps:
            if step.actor != "customer" or step.channel not in DIGITAL_CHANNELS:
                continue
            for q in step.answers:
                channels[q].add(step.channel)
                if not step.systems:
                    continue  # not self-service: no systems to compare
                behind = tuple(
                    sorted(s for s in step.systems if any(s in flows.exposers(e) for e in needs[q]))
                )
                sides[q].setdefault((step.channel, behind), Side(step.channel, behind, journey.id, step.id))
    out = []
    for question in model.questions:
        found = tuple(c for c in DIGITAL_CHANNELS if c in channels[question.id])
        seen = sorted(
            sides[question.id].values(), key=lambda s: (DIGITAL_CHANNELS.index(s.channel), s.systems)
        )
        diverging = tuple(
            Divergence(a, b)
            for i, a in enumerate(seen)
            for b in seen[i + 1 :]
            if a.channel != b.channel and a.systems != b.systems
        )
        gap = tuple(c for c in digital if c not in found) if found else ()
        out.append(QuestionParity(question.id, found, gap, diverging))
    return tuple(out)
