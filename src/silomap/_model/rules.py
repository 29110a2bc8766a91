"""Rules that need the whole model: ids, references, and what can never be answered.

The schema checks each file on its own; these rules run over all files
together, so a reference in ``journeys.yaml`` to a system declared in
``systems.yaml`` is fine, and a duplicate across files names both places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .._errors import Problem
from .._suggest import Suggester, did_you_mean
from .._text import quote_value
from .._yaml import Document
from .items import SYSTEM_KINDS, Entity, Integration, Journey, Question, System, Team
from .schema import ModelPart

__all__ = ["LIST_KINDS", "Declared", "Part", "check_parts", "model_warnings"]

Path = tuple[str | int, ...]
_KINDS = ("teams", "entities", "systems", "questions", "journeys")
LIST_KINDS: dict[str, type[Any]] = {
    "teams": Team,
    "entities": Entity,
    "systems": System,
    "integrations": Integration,
    "questions": Question,
    "journeys": Journey,
}


@dataclass
class Part:
    """One file's valid content: its head fields, and each valid list item with its index."""

    doc: Document
    top: ModelPart
    items: dict[str, list[tuple[int, Any]]] = field(default_factory=lambda: {kind: [] for kind in LIST_KINDS})


_NOUN = {
    "teams": "team",
    "entities": "entity",
    "systems": "system",
    "questions": "question",
    "journeys": "journey",
}


@dataclass
class Declared:
    """Every id declared, with where it was first declared.

    Ids from files that failed the schema are included (from their raw data)
    so that one bad file does not make every reference to it an error too.
    """

    places: dict[str, dict[str, tuple[Document, Path]]] = field(
        default_factory=lambda: {kind: {} for kind in _KINDS}
    )

    # what systems that failed the schema hold, so "held by no system" can still be checked
    raw_holds: set[str] = field(default_factory=set)
    unreadable_holds: bool = False

    def add_raw(self, doc: Document, kind: str, index: int, item: Any) -> None:
        """Declare the id of an item that did not pass the schema, if it has one."""
        if kind == "systems":
            holds = item.get("holds") if isinstance(item, dict) else None
            if isinstance(holds, list):
                self.raw_holds.update(h for h in holds if isinstance(h, str))
                self.unreadable_holds |= not all(isinstance(h, str) for h in holds)
            else:
                self.unreadable_holds |= holds is not None or not isinstance(item, dict)
        if kind in self.places and isinstance(item, dict) and isinstance(item.get("id"), str):
            self.places[kind].setdefault(item["id"], (doc, (kind, index, "id")))


def _where(doc: Document, path: Path) -> str:
    line, col = doc.locate(path)
    return f"{doc.name}:{line}:{col}"


class _Checker:
    def __init__(self, declared: Declared) -> None:
        self.declared = declared
        self.problems: list[Problem] = []
        self._suggesters: dict[str, Suggester] = {}

    def suggester(self, kind: str) -> Suggester:
        """One index of the declared ids of a kind, built when first needed (the ids are all known)."""
        if kind not in self._suggesters:
            extra = ["customer"] if kind == "actors" else []
            self._suggesters[kind] = Suggester(
                [*self.declared.places[kind.replace("actors", "teams")], *extra]
            )
        return self._suggesters[kind]

    def declare(self, kind: str, ident: str, doc: Document, path: Path) -> None:
        seen = self.declared.places[kind]
        if ident in seen:
            first_doc, first_path = seen[ident]
            if first_doc is not doc or first_path != path:
                message = (
                    f"duplicate {_NOUN[kind]} id {quote_value(ident)} "
                    f"(also defined at {_where(first_doc, first_path)})"
                )
                self.problems.append(doc.problem(path, "SM030", message))
            return
        seen[ident] = (doc, path)

    def once(self, values: Iterable[str], doc: Document, path: Path) -> list[tuple[int, str]]:
        """Report values listed twice in one list; return the others with their index."""
        first: dict[str, int] = {}
        out = []
        for i, value in enumerate(values):
            if value in first:
                message = f"{quote_value(value)} listed twice (first at [{first[value]}])"
                self.problems.append(doc.problem((*path, i), "SM035", message))
                continue
            first[value] = i
            out.append((i, value))
        return out

    def refer_one(self, kind: str, value: str, doc: Document, path: Path) -> None:
        """Report a reference to an undeclared id, with the closest declared one."""
        known = self.declared.places[kind]
        if value not in known:
            message = f"unknown {_NOUN[kind]} {quote_value(value)}{did_you_mean(value, self.suggester(kind))}"
            self.problems.append(doc.problem(path, "SM031", message))

    def refer(self, kind: str, values: Iterable[str], doc: Document, path: Path) -> None:
        """Check a list of references: each listed once, each declared."""
        for i, value in self.once(values, doc, path):
            self.refer_one(kind, value, doc, (*path, i))

    def part(self, part: Part) -> None:
        doc = part.doc
        for i, system in part.items["systems"]:
            at: Path = ("systems", i)
            if system.owner is not None:
                self.refer_one("teams", system.owner, doc, (*at, "owner"))
            self.refer("entities", system.holds, doc, (*at, "holds"))
            self.once(system.channels, doc, (*at, "channels"))
        for i, link in part.items["integrations"]:
            at = ("integrations", i)
            self.refer_one("systems", link.source, doc, (*at, "from"))
            self.refer_one("systems", link.target, doc, (*at, "to"))
            self.refer("entities", link.carries, doc, (*at, "carries"))
            if link.source == link.target:
                message = f"an integration from system {quote_value(link.source)} to itself"
                self.problems.append(doc.problem((*at, "to"), "SM033", message))
        for i, question in part.items["questions"]:
            self.refer("entities", question.needs, doc, ("questions", i, "needs"))
        for i, journey in part.items["journeys"]:
            steps: dict[str, Path] = {}
            for j, step in enumerate(journey.steps):
                at = ("journeys", i, "steps", j)
                if step.id in steps:
                    message = (
                        f"duplicate step id {quote_value(step.id)} in journey "
                        f"{quote_value(journey.id)} (also at {_where(doc, steps[step.id])})"
                    )
                    self.problems.append(doc.problem((*at, "id"), "SM030", message))
                steps.setdefault(step.id, (*at, "id"))
                if step.actor != "customer":
                    known = self.declared.places["teams"]
                    if step.actor not in known:
                        hint = did_you_mean(step.actor, self.suggester("actors"))
                        message = (
                            f"unknown actor {quote_value(step.actor)}: expected 'customer' or a team id{hint}"
                        )
                        self.problems.append(doc.problem((*at, "actor"), "SM031", message))
                self.refer("systems", step.systems, doc, (*at, "systems"))
                self.refer("entities", step.captures, doc, (*at, "captures"))
                self.refer("entities", step.reads, doc, (*at, "reads"))
                self.refer("questions", step.answers, doc, (*at, "answers"))


def check_parts(parts: list[Part], declared: Declared) -> list[Problem]:
    """Every whole-model rule over the items that passed the schema."""
    checker = _Checker(declared)
    for part in parts:
        for kind in _KINDS:
            for i, item in part.items[kind]:
                checker.declare(kind, item.id, part.doc, (kind, i, "id"))
                if kind == "teams" and item.id == "customer":
                    message = (
                        "'customer' is reserved for the customer as a step's actor; choose another team id"
                    )
                    checker.problems.append(part.doc.problem((kind, i, "id"), "SM038", message))
    for part in parts:
        checker.part(part)
    held = {e for part in parts for _, system in part.items["systems"] for e in system.holds}
    held |= declared.raw_holds
    if declared.unreadable_holds:
        return checker.problems  # a system that failed the schema may hold the entity
    for part in parts:
        for i, question in part.items["questions"]:
            for j, need in enumerate(question.needs):
                if need in declared.places["entities"] and need not in held:
                    message = (
                        f"entity {quote_value(need)} is held by no system, so question "
                        f"{quote_value(question.id)} can never be answered; add it to a system's holds"
                    )
                    checker.problems.append(part.doc.problem(("questions", i, "needs", j), "SM034", message))
    return checker.problems


def model_warnings(parts: list[Part]) -> list[Problem]:
    """Every warning of a valid model: missing volumes, steps using retired or planned systems, and
    system kinds that look like a known kind mistyped."""
    return _volume_warnings(parts) + _lifecycle_warnings(parts) + _kind_warnings(parts)


def _kind_warnings(parts: list[Part]) -> list[Problem]:
    """A kind of the user's own is fine (``meter-data``); one a letter away from a known kind
    (``crn``) is most likely a typo, and would lose what the known kind means."""
    known = Suggester(SYSTEM_KINDS)
    out = []
    for part in parts:
        for i, system in part.items["systems"]:
            if system.kind not in SYSTEM_KINDS and (near := known.suggest(system.kind)) is not None:
                message = (
                    f"system {quote_value(system.id)} has kind {quote_value(system.kind)}, which silomap "
                    f"does not know; did you mean '{near}'? (a kind of your own is fine, but diagrams "
                    "and fixes treat it as unrelated to every known kind)"
                )
                out.append(part.doc.problem(("systems", i, "kind"), "SM094", message, severity="warning"))
    return out


_LIFECYCLE_WARNINGS = {
    "retired": ("SM092", "is retired; the journey still depends on it: move the step to its replacement"),
    "planned": ("SM093", "is only planned; an as-is journey cannot use it yet (model the to-be as a change)"),
}


def _lifecycle_warnings(parts: list[Part]) -> list[Problem]:
    lifecycle = {system.id: system.lifecycle for part in parts for _, system in part.items["systems"]}
    out = []
    for part in parts:
        for i, journey in part.items["journeys"]:
            for k, step in enumerate(journey.steps):
                for m, system in enumerate(step.systems):
                    if (found := _LIFECYCLE_WARNINGS.get(lifecycle.get(system, "active"))) is not None:
                        code, what = found
                        message = (
                            f"step {quote_value(step.id)} uses system {quote_value(system)}, which {what}"
                        )
                        path = ("journeys", i, "steps", k, "systems", m)
                        out.append(part.doc.problem(path, code, message, severity="warning"))
    return out


def _volume_warnings(parts: list[Part]) -> list[Problem]:
    """Warn where some journeys (or questions) have a volume and others not: then none counts."""
    out = []
    for kind, noun in (("journeys", "journey"), ("questions", "question")):
        items = [(part, i, item) for part in parts for i, item in part.items[kind]]
        missing = [(part, i, item) for part, i, item in items if item.volume is None]
        if not missing or len(missing) == len(items):
            continue
        part, i, item = missing[0]
        others = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        having = len(items) - len(missing)
        having_text = f"1 other {noun} has" if having == 1 else f"{having} other {kind} have"
        message = (
            f"{noun} {quote_value(item.id)}{others} has no volume while {having_text} one, so volumes are "
            f"ignored and every {noun} counts the same; give each a volume"
        )
        out.append(part.doc.problem((kind, i, "id"), "SM091", message, severity="warning"))
    return out
