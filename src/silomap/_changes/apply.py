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
from collections.abc import Sequence

from .._errors import ModelError, Problem, UsageError
from .._model import Model, described, known_valid, need_model, require_valid
from .kinds import Where
from .load import ChangeSet
from .revalidate import errors_after
from .schema import Change

__all__ = ["apply", "apply_one", "change_set"]

_KNOWN = {"system": "systems", "entity": "entities", "question": "questions"}  # what an id names


def _check(model: Model, change: Change, at: Where) -> None:
    """Every id the change's fields name exists; then the kind's own checks."""
    body = change.body
    known: dict[str, set[str]] = {}
    for field, what in body.refs:
        if what not in known:
            known[what] = {item.id for item in getattr(model, _KNOWN[what])}
        ids = known[what]
        value = getattr(body, field)
        if isinstance(value, str):
            if value not in ids:
                at.unknown(what, value, ids, (type(body).model_fields[field].alias or field,))
            continue
        for i, item in enumerate(value or ()):
            if item not in ids:
                at.unknown(what, item, ids, (field, i))
    body.check(model, at)


def apply_one(model: Model, change: Change) -> Model:
    """Apply one change whose ids exist; the result is not validated (see :func:`apply`)."""
    return change.body.apply(model)


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
        at = Where(found.doc, index, change.kind)
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
