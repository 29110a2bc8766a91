"""The drafted items (``draft.md``, "Journeys" to "Evidence and rounding"): journeys and their
steps from the representatives and their runs, then teams, systems, questions and entities, every
item with its ``x-evidence``. Plain data, in the order the files write it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._importers import NAME_MAX, Builder, Taken
from .._metrics import PLACEHOLDER_TAG
from .._observed import LogMapping
from .events import Log, Runs
from .journeys import Group
from .names import channel_of, ids_in_order, rounded, share, slug48

__all__ = ["MONTH_DAYS", "Drafted", "Kept", "draft_items", "evidence", "volume"]

MONTH_DAYS = Fraction(304375, 10_000)  # 365.25 / 12
_DAY_US = 86_400 * 1_000_000
STAGE = "after-sales"


@dataclass
class Drafted:
    """What was drafted: the model's lists, the mapping's maps, and what the report says."""

    lists: dict[str, list[dict[str, Any]]]
    teams: dict[str, str]  # group value -> team id
    systems: dict[str, str]  # raw system value -> system id
    steps: dict[str, list[str]]  # activity -> its journey/step targets
    journeys: list[dict[str, Any]] = field(default_factory=list)  # per journey, for the report
    internal: list[str] = field(default_factory=list)  # raw channel values left internal
    no_question: list[str] = field(default_factory=list)  # reasons without a system
    placeholders: list[str] = field(default_factory=list)
    unassigned: str | None = None


def evidence(cases: int, total: int) -> dict[str, Any]:
    """An item's ``x-evidence``: its cases and their share of ``total``.

    >>> evidence(3, 8)
    {'cases': 3, 'share': 0.375}
    """
    return {"cases": cases, "share": share(cases, total)}


def volume(cases: int, span_us: int) -> float:
    """Cases a month: ``cases / max(1, days / 30.4375)``, to 1 decimal half up, at least 0.1.

    >>> volume(61, 61 * _DAY_US), volume(3, 0), volume(1, 400 * _DAY_US)
    (30.4, 3.0, 0.1)
    """
    months = max(Fraction(1), Fraction(span_us, _DAY_US) / MONTH_DAYS)
    return max(rounded(Fraction(cases) / months, 1), 0.1)


def _most(counts: dict[str, int], order: Any = None) -> str | None:
    """The value with the most, ties by the smallest (``order`` its sort key); ``None`` for none."""
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], order(v) if order else v))


class _Steps:
    """The steps of the kept journeys, from their representatives and runs."""

    def __init__(self, mapping: LogMapping, runs: Runs, ids: tuple[dict[str, str], dict[str, str], str]):
        self.mapping, self.runs = mapping, runs
        self.team_ids, self.system_ids, self.unassigned = ids
        self.unassigned_used = False
        self.internal: set[str] = set()

    def actor(self, at: tuple[int, int]) -> str:
        counts: dict[str, int] = {}
        for team, n in self.runs.teams.get(at, {}).items():
            ident = "customer" if team is None else self.team_ids[team]
            counts[ident] = counts.get(ident, 0) + n
        found = _most(counts)
        self.unassigned_used |= found is None
        return found or self.unassigned

    def channel(self, at: tuple[int, int]) -> str:
        counts: dict[str, int] = {}
        for raw, n in self.runs.channels.get(at, {}).items():
            name, known = channel_of(raw, dict(self.mapping.file.channels))
            if not known:
                self.internal.add(raw)
            counts[name] = counts.get(name, 0) + n
        return _most(counts) or "internal"

    def systems(self, at: tuple[int, int], m: int) -> list[str]:
        found = self.runs.systems.get(at, {})
        return sorted(self.system_ids[s] for s, n in found.items() if 4 * n >= m)

    def journey(
        self, j: int, variant: tuple[str, ...], m: int, cases: int, cleaner: Builder
    ) -> list[dict[str, Any]]:
        """The steps of journey ``j`` (``m``: the cases that follow its representative)."""
        ids, out = Taken(), []
        for k, activity in enumerate(variant):
            at = (j, k)
            step: dict[str, Any] = {
                "id": ids.next(slug48(activity, "step")),
                "name": cleaner.clean(activity, NAME_MAX),
                "actor": self.actor(at),
                "channel": self.channel(at),
            }
            if systems := self.systems(at, m):
                step["systems"] = systems
            if k + 1 < len(variant) and at in self.runs.medians:
                step["minutes"] = rounded(self.runs.medians[at] / 60_000_000, 1)
            step["x-evidence"] = evidence(m, cases)
            out.append(step)
        return out


@dataclass(frozen=True)
class Kept:
    """A kept journey: its group, its representative and the cases that follow it (M)."""

    group: Group
    variant: tuple[str, ...]

    @property
    def m(self) -> int:
        return self.group.variants[self.variant]


def draft_items(log: Log, mapping: LogMapping, kept: list[Kept], runs: Runs, by_reason: bool) -> Drafted:
    """Every drafted item, as the model files write them."""
    cleaner, n = Builder("draft", "log"), log.cases
    team_ids = ids_in_order(sorted(log.teams), "team", taken=["customer"])
    unassigned = Taken({"customer", *team_ids.values()}).next("unassigned")
    file = mapping.file
    held_by = {file.systems.get(raw, raw): entities for raw, entities in file.holds.items()}
    system_ids = ids_in_order(sorted(set(log.systems) | set(held_by)), "system")
    steps = _Steps(mapping, runs, (team_ids, system_ids, unassigned))
    journey_ids = ids_in_order([k.group.key for k in kept], "journey")
    journeys: list[dict[str, Any]] = []
    targets: dict[str, list[str]] = {}
    report: list[dict[str, Any]] = []
    for j, k in enumerate(kept):
        rows = steps.journey(j, k.variant, k.m, k.group.cases, cleaner)
        ident = journey_ids[k.group.key]
        journeys.append(
            {
                "id": ident,
                "name": cleaner.clean(k.group.key, NAME_MAX),
                "stage": STAGE,
                "volume": volume(k.group.cases, log.span_us),
                "x-evidence": evidence(k.group.cases, n),
                "steps": rows,
            }
        )
        for activity, row in zip(k.variant, rows, strict=True):
            targets.setdefault(activity, []).append(f"{ident}/{row['id']}")
        report.append({"id": ident, "cases": k.group.cases, "variants": len(k.group.variants), "m": k.m})
    drafted = Drafted({}, {}, {}, targets, report, sorted(steps.internal))
    drafted.unassigned = unassigned if steps.unassigned_used else None
    drafted.teams = {raw: team_ids[value] for raw, value in sorted(log.groups.items())}
    drafted.systems = {raw: system_ids[value] for raw, value in sorted(log.system_values.items())}
    questions, held = _questions(journeys, kept, mapping, drafted, cleaner, n) if by_reason else ([], {})
    for value, entities in held_by.items():
        held.setdefault(system_ids[value], set()).update(entities)
    drafted.lists = {
        "teams": _teams(log, team_ids, drafted.unassigned, cleaner),
        "entities": _entities(questions, held, system_ids, cleaner, n),
        "systems": _systems(log, system_ids, held, cleaner),
        "questions": questions,
        "journeys": journeys,
    }
    return drafted


def _questions(
    journeys: list[dict[str, Any]],
    kept: list[Kept],
    mapping: LogMapping,
    drafted: Drafted,
    cleaner: Builder,
    n: int,
) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
    """One question a journey (its reason), needing the mapping's entities for that reason, else a
    placeholder for each system of its steps, held by that system; none without either."""
    held: dict[str, set[str]] = {}
    asked = []
    for journey, k in zip(journeys, kept, strict=True):
        needs = list(mapping.file.needs.get(k.group.key, ()))
        if not needs:
            systems = sorted({s for step in journey["steps"] for s in step.get("systems", ())})
            for system in systems:
                held.setdefault(system, set()).add(f"{system}-data")
            needs = [f"{s}-data" for s in systems]
            drafted.placeholders += [f"{s}-data" for s in systems if f"{s}-data" not in drafted.placeholders]
        if not needs:
            drafted.no_question.append(k.group.key)
            continue
        asked.append((k, needs, journey["volume"]))
    ids = ids_in_order([k.group.key for k, _, _ in asked], "question")
    questions = [
        {
            "id": ids[k.group.key],
            "text": cleaner.clean(k.group.key, NAME_MAX),
            "needs": sorted(dict.fromkeys(needs)),
            "volume": volume_,
            "x-evidence": evidence(k.group.cases, n),
        }
        for k, needs, volume_ in asked
    ]
    return questions, held


def _teams(
    log: Log, team_ids: dict[str, str], unassigned: str | None, cleaner: Builder
) -> list[dict[str, Any]]:
    rows = [
        {
            "id": ident,
            "name": cleaner.clean(value, NAME_MAX),
            "x-evidence": evidence(log.teams[value], log.cases),
        }
        for value, ident in team_ids.items()
    ]
    if unassigned is not None:
        rows.append(
            {"id": unassigned, "name": "Unassigned", "x-evidence": evidence(log.unassigned, log.cases)}
        )
    return sorted(rows, key=lambda row: str(row["id"]))


def _systems(
    log: Log, system_ids: dict[str, str], held: dict[str, set[str]], cleaner: Builder
) -> list[dict[str, Any]]:
    rows = []
    for value, ident in system_ids.items():
        row: dict[str, Any] = {"id": ident, "name": cleaner.clean(value, NAME_MAX), "kind": "other"}
        if held.get(ident):
            row["holds"] = sorted(held[ident])
        row["x-evidence"] = evidence(log.systems.get(value, 0), log.cases)
        rows.append(row)
    return sorted(rows, key=lambda row: str(row["id"]))


def _entities(
    questions: list[dict[str, Any]],
    held: dict[str, set[str]],
    system_ids: dict[str, str],
    cleaner: Builder,
    n: int,
) -> list[dict[str, Any]]:
    """Every entity needed or held, sorted; a placeholder named for its system and tagged."""
    names = {ident: value for value, ident in system_ids.items()}
    cases: dict[str, int] = {}
    for q in questions:
        for entity in q["needs"]:
            cases[entity] = cases.get(entity, 0) + q["x-evidence"]["cases"]
    placeholders = {f"{s}-data": s for s, entities in held.items() if f"{s}-data" in entities}
    rows = []
    for entity in sorted(set(cases) | {e for entities in held.values() for e in entities}):
        row: dict[str, Any] = {"id": entity}
        if entity in placeholders:
            row["name"] = cleaner.clean(f"Data in {names[placeholders[entity]]}", NAME_MAX)
            row["tags"] = [PLACEHOLDER_TAG]
        row["x-evidence"] = evidence(cases.get(entity, 0), n)
        rows.append(row)
    return rows
