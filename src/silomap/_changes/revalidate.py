"""A changed model checked by what the change touched: the errors of full validation, in less time.

A change leaves most of a model as it was: models are frozen, and a change
copies only the items it edits, so every other item is the very same object
as before. Given a valid model and a changed copy of it, the items to check are

- the items that are new objects: the schema again, then every whole-model rule;
- the items that name an id the change removed (a retired system in a step);
- the questions needing an entity that no system holds any more (SM034);
- every item whose id another item of its kind now shares (SM030).

Every other item passed every rule before, and the ids it names still exist.
The declared ids and the held entities come from the whole changed model
(sets, cheap to build), so each message, "did you mean" included, is the one
:func:`silomap.validate` gives. ``tests/test_changes_validation.py`` checks
that on generated models and changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .._errors import Problem
from .._model import IN_MEMORY as NAME
from .._model import LIST_KINDS, Declared, Model, ModelPart, Part, check_parts, problems_from_pydantic
from .._yaml import Document

__all__ = ["errors_after"]

Touched = dict[str, set[int]]

_DECLARED = ("teams", "entities", "systems", "questions", "journeys")  # the kinds with ids
# the fields that name an id of another kind, as the whole-model rules check them
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "systems": (("owner", "teams"), ("holds", "entities")),
    "integrations": (("source", "systems"), ("target", "systems"), ("carries", "entities")),
    "questions": (("needs", "entities"),),
    "steps": (
        ("actor", "teams"),
        ("systems", "systems"),
        ("captures", "entities"),
        ("reads", "entities"),
        ("answers", "questions"),
    ),
}


def errors_after(before: Model, after: Model) -> list[Problem]:
    """The errors :func:`silomap.validate` finds in ``after``, a changed copy of ``before``.

    ``before`` must be valid; only what differs from it is checked.

    >>> import silomap
    >>> m = silomap.load("models/telecom")
    >>> loop = silomap.Integration(source="crm", target="crm", carries=["address"])
    >>> [str(p) for p in errors_after(m, m.model_copy(update={"integrations": (*m.integrations, loop)}))]
    ["<model>: error[SM033]: integrations[21].to: an integration from system 'crm' to itself"]
    """
    doc = Document(NAME, {}, {}, located=False)
    touched = _new_items(before, after)
    schema = _schema_problems(doc, after, touched)
    if schema:
        return sorted(schema)
    _add_referring(before, after, touched)
    held = _holdings(after)
    if touched["systems"] or len(before.systems) != len(after.systems):
        lost = _holdings(before) - held
        touched["questions"] |= {i for i, q in enumerate(after.questions) if not lost.isdisjoint(q.needs)}
    _add_shared_ids(after, touched)
    part = Part(doc, ModelPart())
    for kind, indexes in touched.items():
        items = getattr(after, kind)
        part.items[kind] = [(i, items[i]) for i in sorted(indexes)]
    declared = Declared()
    for kind in _DECLARED:
        places = declared.places[kind]
        for i, item in enumerate(getattr(after, kind)):
            places.setdefault(item.id, (doc, (kind, i, "id")))
    declared.raw_holds = held  # the holdings of the systems not checked here count as well
    return sorted(p for p in check_parts([part], declared) if p.severity == "error")


def _new_items(before: Model, after: Model) -> Touched:
    """The index of each item of ``after`` that is not an object of ``before``: the change made it."""
    touched: Touched = {}
    for kind in LIST_KINDS:
        old = {id(item) for item in getattr(before, kind)}
        touched[kind] = {i for i, item in enumerate(getattr(after, kind)) if id(item) not in old}
    return touched


def _schema_problems(doc: Document, after: Model, touched: Touched) -> list[Problem]:
    """The new items checked against the schema again, as the whole model would be."""
    errors: list[ErrorDetails] = []
    for kind, indexes in touched.items():
        items = getattr(after, kind)
        for i in sorted(indexes):
            data = items[i].model_dump(by_alias=True, exclude_none=True, warnings=False)
            try:
                LIST_KINDS[kind].model_validate(data)
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    placed = error.copy()
                    placed["loc"] = (kind, i, *error["loc"])
                    errors.append(placed)
    return problems_from_pydantic(doc, errors) if errors else []


def _ids(model: Model, kind: str) -> set[str]:
    return {item.id for item in getattr(model, kind)}


def _names(item: Any, fields: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
    """The ``(kind, id)`` of each reference an item (or a step) makes."""
    for field, kind in fields:
        value = getattr(item, field)
        if isinstance(value, str):
            yield kind, value
        elif value is not None:
            yield from ((kind, v) for v in value)


def _add_referring(before: Model, after: Model, touched: Touched) -> None:
    """Touch every item that names an id the change removed: it refers to nothing now."""
    gone = {kind: _ids(before, kind) - _ids(after, kind) for kind in _DECLARED}
    if not any(gone.values()):
        return

    def refers(item: Any, fields: tuple[tuple[str, str], ...]) -> bool:
        return any(value in gone[kind] for kind, value in _names(item, fields))

    for kind in ("systems", "integrations", "questions"):
        items = getattr(after, kind)
        touched[kind] |= {i for i, item in enumerate(items) if refers(item, _REFERENCES[kind])}
    touched["journeys"] |= {
        i for i, j in enumerate(after.journeys) if any(refers(s, _REFERENCES["steps"]) for s in j.steps)
    }


def _holdings(model: Model) -> set[str]:
    return {entity for system in model.systems for entity in system.holds}


def _add_shared_ids(after: Model, touched: Touched) -> None:
    """Touch every item whose id is not unique in its kind, where a new item could have made it so."""
    for kind in _DECLARED:
        if not touched[kind]:
            continue  # only the items the change made can bring an id twice
        counts = Counter(item.id for item in getattr(after, kind))
        if len(counts) < len(getattr(after, kind)):
            touched[kind] |= {i for i, item in enumerate(getattr(after, kind)) if counts[item.id] > 1}
