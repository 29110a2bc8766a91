"""Applying changes to a model: in order, each checked, the result valid by every rule.

Every id a change names must exist when it is applied (SM070, at the change,
with "did you mean"); a change that leaves the model invalid is named with
what broke (SM071). The model given is never modified: models are frozen,
and each change makes a new one, copying only the items it edits, so that
each change is checked by what it touched (:mod:`.revalidate`), not by
validating the whole model again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import Document, Integration, Journey, Model, Step, by_id, format_path, require_valid
from .._model.arguments import described, need_model
from .._model.validate import known_valid
from .._suggest import did_you_mean
from .._text import quote_value
from .load import ChangeSet
from .revalidate import errors_after
from .schema import Change

__all__ = ["apply", "apply_one", "change_set"]

Path = tuple[str | int, ...]


class _Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


class _Where:
    """Places problems at a change: in its file when it came from one, else by its path."""

    def __init__(self, doc: Document | None, index: int, change: Change) -> None:
        self.doc, self.base, self.kind = doc, ("changes", index, change.kind), change.kind
        self.problems: list[Problem] = []

    def problem(self, path: Path, code: str, message: str) -> Problem:
        where = (*self.base, *path)
        if self.doc is not None:
            return self.doc.problem(where, code, message)
        return Problem("<changes>", 0, 0, code, message, format_path(where))

    def unknown(self, what: str, value: str, known: Iterable[str], path: Path) -> None:
        message = f"{self.kind}: unknown {what} {quote_value(value)}{did_you_mean(value, list(known))}"
        self.problems.append(self.problem(path, "SM070", message))

    def need(self, what: str, values: Sequence[str], known: set[str], path: Path) -> None:
        for i, value in enumerate(values):
            if value not in known:
                self.unknown(what, value, known, (*path, i) if len(values) > 1 or path[-1:] != () else path)


def _ids(items: Iterable[Any]) -> set[str]:
    return {item.id for item in items}


def _check(model: Model, change: Change, at: _Where) -> None:
    body, systems, entities = change.body, _ids(model.systems), _ids(model.entities)
    for field in ("source", "target", "system", "into"):
        value = getattr(body, field, None)
        if value is not None and value not in systems:
            at.unknown("system", value, systems, ({"source": "from", "target": "to"}.get(field, field),))
    for field, what, known in (
        ("systems", "system", systems),
        ("carries", "entity", entities),
        ("entities", "entity", entities),
        ("captures", "entity", entities),
        ("reads", "entity", entities),
        ("answers", "question", _ids(model.questions)),
    ):
        for i, value in enumerate(getattr(body, field, None) or ()):
            if value not in known:
                at.unknown(what, value, known, (field, i))  # fmt: skip
    if change.kind in ("set-mode", "remove-integration") and not at.problems and not _linked(model, body):
        targets = [link.target for link in model.integrations if link.source == body.source]
        ends = f"from {quote_value(body.source)} to {quote_value(body.target)}"
        message = f"{change.kind}: no integration {ends}{did_you_mean(body.target, targets)}"
        at.problems.append(at.problem(("to",), "SM070", message))
    if change.kind in ("edit-step", "remove-step"):
        _check_step(model, change, at)


def _linked(model: Model, body: Any) -> bool:
    return any(link.source == body.source and link.target == body.target for link in model.integrations)


def _check_step(model: Model, change: Change, at: _Where) -> None:
    body = change.body
    journeys = _ids(model.journeys)
    if body.journey not in journeys:
        at.unknown("journey", body.journey, journeys, ("journey",))
        return
    journey = by_id(model.journeys, body.journey)
    steps = _ids(journey.steps)
    if body.step not in steps:
        at.unknown(f"step of {body.journey}", body.step, steps, ("step",))
    elif change.kind == "remove-step" and len(journey.steps) == 1:
        message = f"remove-step: {quote_value(body.step)} is the only step of {quote_value(body.journey)}"
        at.problems.append(at.problem(("step",), "SM071", message))
    actor = getattr(body, "actor", None)
    if actor is not None and actor != "customer" and actor not in _ids(model.teams):
        at.unknown("actor (a team or 'customer')", actor, [*_ids(model.teams), "customer"], ("actor",))


def _merge_ids(values: Iterable[str], rename: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(rename.get(v, v) for v in values))


def _merged(model: Model, into: str, others: set[str]) -> Model:
    rename = dict.fromkeys(others, into)
    gone = [s for s in model.systems if s.id in others]
    systems = []
    for system in model.systems:
        if system.id in others:
            continue
        if system.id == into:
            holds = _merge_ids([*system.holds, *(h for s in gone for h in s.holds)], {})
            channels = _merge_ids([*system.channels, *(c for s in gone for c in s.channels)], {})
            system = system.model_copy(update={"holds": holds, "channels": channels})
        systems.append(system)
    links = [
        link.model_copy(
            update={
                "source": rename.get(link.source, link.source),
                "target": rename.get(link.target, link.target),
            }
        )
        if link.source in rename or link.target in rename
        else link  # kept as it is: only what a change copies is checked again
        for link in model.integrations
    ]
    links = [link for link in links if link.source != link.target]
    merged = model.model_copy(update={"systems": tuple(systems), "integrations": tuple(links)})
    return _with_steps(
        merged,
        lambda step: step.model_copy(update={"systems": _merge_ids(step.systems, rename)}),
        set(others),
    )


def _with_steps(model: Model, edit: Any, touched: set[str]) -> Model:
    """Edit the steps that use a system in ``touched``; every other journey is kept as it is."""

    def journey(j: Journey) -> Journey:
        if all(touched.isdisjoint(s.systems) for s in j.steps):
            return j
        return j.model_copy(
            update={"steps": tuple(edit(s) if not touched.isdisjoint(s.systems) else s for s in j.steps)}
        )

    return model.model_copy(update={"journeys": tuple(journey(j) for j in model.journeys)})


def _with_journey(model: Model, journey_id: str, steps: tuple[Step, ...]) -> Model:
    journeys = tuple(
        j.model_copy(update={"steps": steps}) if j.id == journey_id else j for j in model.journeys
    )
    return model.model_copy(update={"journeys": journeys})


def apply_one(model: Model, change: Change) -> Model:
    """Apply one change whose ids exist; the result is not validated (see :func:`apply`)."""
    body = change.body
    if change.kind == "add-integration":
        link = Integration(source=body.source, target=body.target, carries=body.carries, mode=body.mode)
        return model.model_copy(update={"integrations": (*model.integrations, link)})
    if change.kind in ("set-mode", "remove-integration"):

        def hit(link: Integration) -> bool:
            return bool(link.source == body.source and link.target == body.target)

        if change.kind == "remove-integration":
            links = tuple(link for link in model.integrations if not hit(link))
        else:
            links = tuple(
                link.model_copy(update={"mode": body.mode}) if hit(link) else link
                for link in model.integrations
            )
        return model.model_copy(update={"integrations": links})
    if change.kind == "hold":
        systems = tuple(
            s.model_copy(update={"holds": _merge_ids([*s.holds, *body.entities], {})})
            if s.id == body.system
            else s
            for s in model.systems
        )
        return model.model_copy(update={"systems": systems})
    if change.kind == "merge-systems":
        return _merged(model, body.into, set(body.systems) - {body.into})
    if change.kind == "retire-system":
        kept = model.model_copy(update={
            "systems": tuple(s for s in model.systems if s.id != body.system),
            "integrations": tuple(x for x in model.integrations if body.system not in (x.source, x.target)),
        })  # fmt: skip
        return _with_steps(
            kept,
            lambda s: s.model_copy(update={"systems": tuple(x for x in s.systems if x != body.system)}),
            {body.system},
        )
    journey: Journey = by_id(model.journeys, body.journey)
    if change.kind == "remove-step":
        return _with_journey(model, journey.id, tuple(s for s in journey.steps if s.id != body.step))
    fields = body.model_dump(exclude_none=True, exclude={"journey", "step"})
    steps = tuple(s.model_copy(update=fields) if s.id == body.step else s for s in journey.steps)
    return _with_journey(model, journey.id, steps)


def change_set(changes: object) -> ChangeSet:
    """The changes given to :func:`apply` or :func:`whatif` as a change set; :class:`UsageError`
    naming ``changes`` for anything else (a path: load it first)."""
    if isinstance(changes, ChangeSet):
        return changes
    if isinstance(changes, Change):
        return ChangeSet((changes,))
    if isinstance(changes, Sequence) and not isinstance(changes, str):
        if all(isinstance(change, Change) for change in changes):
            return ChangeSet(tuple(changes))
        wrong = next(change for change in changes if not isinstance(change, Change))
        message = "{param} must hold silomap.Change items (Change.model_validate({...}) makes one), not "
        raise UsageError(message + described(wrong), param="changes")
    hint = (
        "; load the file first: silomap.load_changes(path)" if isinstance(changes, str | os.PathLike) else ""
    )
    message = "{param} must be a silomap.ChangeSet, a silomap.Change or a list of them, not "
    raise UsageError(message + described(changes) + hint, param="changes")


def apply(model: Model, changes: ChangeSet | Sequence[Change] | Change) -> Model:
    """Apply changes in order and return the changed model, valid by every rule.

    Raises :class:`silomap.ModelError` with every problem: the model's own
    when it is invalid; else ids that do not exist when a change is applied
    (SM070, with "did you mean"), and a change that leaves the model invalid
    (SM071, naming what broke). Each change is checked by what it touched, with
    the messages of :func:`silomap.validate`.

    Parameters
    ----------
    model
        A model; it is not changed.
    changes
        A change set (:func:`silomap.load_changes`), a list of changes, or one change.

    Returns
    -------
    Model
        The changed model, valid by every rule.

    Raises
    ------
    silomap.UsageError
        ``model`` or ``changes`` is of another kind, naming it.
    silomap.ModelError
        Every problem: the model's own, an unknown id (SM070) or a broken model (SM071).

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> after = silomap.apply(m, silomap.load_changes("examples/changes/connect-app.yaml"))
    >>> len(after.integrations) - len(m.integrations)
    1
    """
    need_model(model)
    found = change_set(changes)
    require_valid(model)  # each change is checked against a valid model: only what it touched
    problems: list[Problem] = []
    for index, change in enumerate(found.changes):
        at = _Where(found.doc, index, change)
        _check(model, change, at)
        if at.problems:
            problems += at.problems
            continue  # the next changes are checked against the model without this one
        changed = apply_one(model, change)
        broken = errors_after(model, changed)
        if broken:
            problems += [
                at.problem((), "SM071", f"{change.kind} breaks the model: {p.path}: {p.message}")
                for p in broken
            ]
            continue
        model = changed
    if problems:
        raise ModelError(problems)
    return known_valid(model)
