"""Synthetic event logs from a model: for examples, tests at scale and benchmarks.

Each case walks one journey (chosen by volume), step by step, one event per step, with the
deviations real logs show: a customer who skips self-service and phones, a case bounced to
another team and back (ping-pong), a step done twice, and customers who come back within days.
Case lengths follow the journeys' lengths plus a geometric number of extra events, the shape of
contact-center logs. Deterministic for a seed; no global random state.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._model import Journey, Model

__all__ = ["HEADER", "mapping_text", "synthetic_events", "write_csv"]

HEADER = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "org:group",
    "channel",
    "system",
    "customer_id",
)
PORTAL = "customer-portal"  # the resource of the customer's self-service steps
START = datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)


def _journeys(model: Model) -> tuple[list[Journey], list[float]]:
    journeys = list(model.journeys)
    return journeys, [j.volume or 1.0 for j in journeys]


def synthetic_events(
    model: Model, cases: int, seed: int = 0, *, solo: float = 0.0
) -> Iterator[tuple[Any, ...]]:
    """Events of ``cases`` cases, case after case, in the order of :data:`HEADER`; ``solo``, the share
    of cases one team handles end to end (0: none, and the events of earlier versions)."""
    rng = random.Random(seed)
    journeys, weights = _journeys(model)
    teams = [t.label for t in model.teams] or ["team"]
    label = {t.id: t.label for t in model.teams} | {s.id: s.label for s in model.systems}
    customers = max(1, cases * 3 // 4)  # a quarter of the cases are some customer's second contact
    for n in range(cases):
        journey = rng.choices(journeys, weights)[0]
        customer = f"cust-{rng.randrange(customers):07d}"
        at = START + datetime.timedelta(minutes=rng.randrange(90 * 24 * 60))
        case = f"case-{n:08d}"
        steps = list(journey.steps)
        if steps[0].actor == "customer" and rng.random() < 0.3:
            steps = steps[1:] or steps  # skipped self-service: straight to a person
        if solo and rng.random() < solo:
            yield from _solo(case, steps, at, customer, rng, label)
            continue
        for i, step in enumerate(steps):
            times = 2 if rng.random() < 0.05 else 1  # a step done twice
            for _ in range(times):
                yield _event(case, step, at, customer, rng, label)
                at += datetime.timedelta(minutes=step.minutes or rng.randrange(1, 30))
            if step.actor != "customer" and rng.random() < 0.15 and i + 1 < len(steps):
                other = rng.choice(teams)  # bounced to another team, and back
                yield (
                    case,
                    "Reassign",
                    _iso(at),
                    f"{_slug(other)}-{rng.randrange(20)}",
                    other,
                    "internal",
                    None,
                    customer,
                )
                at += datetime.timedelta(minutes=rng.randrange(5, 120))
                yield _event(case, step, at, customer, rng, label)
                at += datetime.timedelta(minutes=rng.randrange(1, 30))
        last = next((label[s.actor] for s in reversed(steps) if s.actor != "customer"), None)
        extra = 0
        while last is not None and rng.random() < 0.25 and extra < 20:  # a geometric tail of follow-ups
            extra += 1
            yield (
                case,
                "Add note",
                _iso(at),
                f"{_slug(last)}-{rng.randrange(20)}",
                last,
                "internal",
                None,
                customer,
            )
            at += datetime.timedelta(minutes=rng.randrange(1, 600))


def _solo(
    case: str,
    steps: list[Any],
    at: datetime.datetime,
    customer: str,
    rng: random.Random,
    label: dict[str, str],
) -> Iterator[tuple[Any, ...]]:
    """A case one team handles end to end: the customer's steps without self-service, every other
    step by the team of the first, never bounced, no follow-up (no transfer)."""
    team = next((s.actor for s in steps if s.actor != "customer"), None)
    for step in steps:
        system = label[step.systems[0]] if step.systems else None
        if step.actor == "customer" or team is None:
            yield (case, step.label, _iso(at), "customer", None, step.channel, system, customer)
        else:
            who = label[team]
            yield (
                case,
                step.label,
                _iso(at),
                f"{_slug(who)}-{rng.randrange(20)}",
                who,
                step.channel,
                system,
                customer,
            )
        at += datetime.timedelta(minutes=step.minutes or rng.randrange(1, 30))


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def _event(
    case: str, step: Any, at: datetime.datetime, customer: str, rng: random.Random, label: dict[str, str]
) -> tuple[Any, ...]:
    if step.actor == "customer":
        resource, group = (PORTAL, None) if step.systems else ("customer", None)
    else:
        resource, group = f"{_slug(label[step.actor])}-{rng.randrange(20)}", label[step.actor]
    system = label[step.systems[0]] if step.systems else None
    return (case, step.label, _iso(at), resource, group, step.channel, system, customer)


def _iso(at: datetime.datetime) -> str:
    return at.isoformat(timespec="seconds")


def write_csv(model: Model, target: Path, cases: int, seed: int = 0, *, solo: float = 0.0) -> int:
    """Write a synthetic log as CSV (``solo``: as :func:`synthetic_events`); return the number of
    events."""
    count = 0
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for event in synthetic_events(model, cases, seed, solo=solo):
            writer.writerow(["" if v is None else v for v in event])
            count += 1
    return count


def mapping_text(model: Model, log: str) -> str:
    """A log mapping file for a synthetic log of ``model``: names back to ids, step names to steps."""
    import yaml

    data = {
        "silomap-log": 1,
        "log": log,
        "columns": {"channel": "channel", "system": "system", "customer": "customer_id"},
        "repeat_window_days": 7,
        "teams": {t.label: t.id for t in model.teams},
        "self_service": [PORTAL],
        "systems": {s.label: s.id for s in model.systems},
        "steps": {s.label: f"{j.id}/{s.id}" for j in model.journeys for s in j.steps},
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
