"""How much of the customer layer a model declares, and so how much of its figures rest on defaults.

Nothing here changes a figure: it says, beside the score, which items carry
only the format's defaults (a system of kind ``other``, a step that names no
system, a question without a volume, an integration carrying placeholder
data) and which components could not be measured at all (``docs/metrics.md``,
"Completeness"). For a model drafted from an event log (an item with ``x-evidence``), it also says
what the log gave and what is still a placeholder for the user to fill in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .._model import UNDECLARED_KIND, Model
from .components import COMPONENTS
from .drafted import DRAFTED_KINDS, drafted_items, log_evidence
from .score import Component

__all__ = ["PLACEHOLDER_TAG", "Completeness", "Gap", "completeness"]

PLACEHOLDER_TAG = "placeholder"  # an entity an importer or a draft made up: the source named no data
UNASSIGNED = "unassigned"  # the team a draft gives a step whose events name no team (draft.md)


@dataclass(frozen=True)
class Gap:
    """Items of one kind that carry a default where the customer layer needs a fact.

    >>> Gap("questions_without_volume", "questions have no volume", ("q1",), 4).text
    '1 of 4 questions have no volume'
    """

    key: str
    label: str
    ids: tuple[str, ...]
    of: int

    @property
    def text(self) -> str:
        """The gap in words: how many of how many."""
        return f"{len(self.ids)} of {self.of} {self.label}"

    def to_dict(self) -> dict[str, Any]:
        """The gap as ``score --json`` writes it under ``completeness``."""
        return {"count": len(self.ids), "of": self.of, "ids": list(self.ids)}


@dataclass(frozen=True)
class Completeness:
    """Every check of the customer layer, and the score components not measured.

    >>> import silomap
    >>> c = silomap.analyze(silomap.load("models/retail-bank")).completeness
    >>> c.gap("systems_without_kind").text
    '5 of 19 systems have kind other'
    """

    gaps: tuple[Gap, ...]
    not_measured: tuple[str, ...]
    drafted: tuple[Gap, ...] = ()  # a drafted model's items with evidence, by kind; else none

    def gap(self, key: str) -> Gap:
        """One check by its key (``KeyError`` if there is none)."""
        found = next((g for g in (*self.gaps, *self.drafted) if g.key == key), None)
        if found is None:
            raise KeyError(key)
        return found

    @property
    def line(self) -> str:
        """One line: what rests on defaults, and what is not measured at all.

        >>> Completeness((Gap("k", "systems hold no data", ("a",), 3),), ("sync",)).line
        'rests on defaults: 1 of 3 systems hold no data; not measured: data sync'
        """
        found = [g.text for g in self.gaps if g.ids]
        said = "rests on defaults: " + ", ".join(found) if found else "nothing rests on defaults"
        if self.drafted:
            said += "; drafted from a log: " + ", ".join(g.text for g in self.drafted)
        labels = {row.id: row.label for row in COMPONENTS}
        missing = ", ".join(labels[name] for name in self.not_measured)
        return f"{said}; not measured: {missing}" if missing else said

    @property
    def sentence(self) -> str:
        """:attr:`line` as a sentence starts, for the summary and the reports."""
        return self.line[0].upper() + self.line[1:]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``score --json``'s ``completeness`` (``drafted`` only for a drafted model)."""
        drafted = {"drafted": {g.label: g.to_dict() for g in self.drafted}} if self.drafted else {}
        return {g.key: g.to_dict() for g in self.gaps} | drafted | {"not_measured": list(self.not_measured)}


def _ids(items: Iterable[Any], test: Callable[[Any], bool], key: Callable[[Any], str]) -> tuple[str, ...]:
    return tuple(key(item) for item in items if test(item))


def completeness(model: Model, components: Iterable[Component]) -> Completeness:
    """Check the customer layer of ``model``; ``components`` are the measured ones."""
    placeholders = {e.id for e in model.entities if PLACEHOLDER_TAG in e.tags}
    gaps = _defaults(model, placeholders)
    measured = {c.name for c in components}
    drafted = _drafted(model)
    if drafted:
        gaps += _placeholders(model, placeholders)
    return Completeness(gaps, tuple(row.id for row in COMPONENTS if row.id not in measured), drafted)


def _defaults(model: Model, placeholders: set[str]) -> tuple[Gap, ...]:
    """The checks of every model: what carries only the format's defaults."""
    steps = [(j, s) for j in model.journeys for s in j.steps]
    systems, n_steps = model.systems, len(steps)

    def step_id(pair: Any) -> str:
        return f"{pair[0].id}/{pair[1].id}"

    return (
        Gap(
            "systems_without_kind",
            "systems have kind other",
            _ids(systems, lambda s: s.kind == UNDECLARED_KIND, lambda s: s.id),
            len(systems),
        ),
        Gap(
            "systems_without_holds",
            "systems hold no data",
            _ids(systems, lambda s: not s.holds, lambda s: s.id),
            len(systems),
        ),
        Gap(
            "steps_without_systems",
            "steps name no system",
            _ids(steps, lambda p: not p[1].systems, step_id),
            n_steps,
        ),
        Gap(
            "steps_without_captures",
            "steps capture no data",
            _ids(steps, lambda p: not p[1].captures, step_id),
            n_steps,
        ),
        Gap(
            "questions_without_volume",
            "questions have no volume",
            _ids(model.questions, lambda q: q.volume is None, lambda q: q.id),
            len(model.questions),
        ),
        Gap(
            "journeys_without_volume",
            "journeys have no volume",
            _ids(model.journeys, lambda j: j.volume is None, lambda j: j.id),
            len(model.journeys),
        ),
        Gap(
            "integrations_with_placeholders",
            "integrations carry placeholder data",
            _ids(
                model.integrations,
                lambda i: bool(placeholders & set(i.carries)),
                lambda i: f"{i.source}->{i.target}",
            ),
            len(model.integrations),
        ),
    )


def _drafted(model: Model) -> tuple[Gap, ...]:
    """Per kind, the items with evidence from a log; none at all for a model with no such item."""
    items = drafted_items(model)
    found = {kind: tuple(key for key, item in items[kind] if log_evidence(item)) for kind in DRAFTED_KINDS}
    if not any(found.values()):
        return ()
    return tuple(Gap(f"drafted_{kind}", kind, found[kind], len(items[kind])) for kind in DRAFTED_KINDS)


def _placeholders(model: Model, placeholders: set[str]) -> tuple[Gap, ...]:
    """What a draft made up for the user to fill in: placeholder data, the questions that need it,
    and the steps whose events named no team."""
    steps = [(j, s) for j in model.journeys for s in j.steps]
    return (
        Gap(
            "entities_placeholder",
            "entities are placeholders",
            _ids(model.entities, lambda e: e.id in placeholders, lambda e: e.id),
            len(model.entities),
        ),
        Gap(
            "questions_on_placeholders",
            "questions need placeholder data",
            _ids(model.questions, lambda q: bool(placeholders & set(q.needs)), lambda q: q.id),
            len(model.questions),
        ),
        Gap(
            "steps_unassigned",
            "steps have no team (unassigned)",
            _ids(steps, lambda p: p[1].actor == UNASSIGNED, lambda p: f"{p[0].id}/{p[1].id}"),
            len(steps),
        ),
    )
