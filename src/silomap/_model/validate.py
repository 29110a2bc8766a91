"""Checking a model built or changed in Python, with the same rules and messages as a file.

``silomap.load`` validates as it reads. A model made with the constructors, or
changed with ``model_copy(update=...)`` (which pydantic does not check), is
checked here: the schema again, then every whole-model rule. Problems carry
the path inside the model (``integrations[21].to``) but no line, as there is
no file. Models known to be valid are remembered by identity (they are
frozen), so ``analyze`` after ``load`` checks nothing twice.
"""

from __future__ import annotations

import weakref

from pydantic import ValidationError

from .._errors import ModelError, Problem
from .._yaml import Document
from .arguments import need_model
from .messages import problems_from_pydantic
from .rules import LIST_KINDS, Declared, Part, check_parts, model_warnings
from .schema import Model, ModelPart

__all__ = ["IN_MEMORY", "known_valid", "require_valid", "validate"]

_VALID: weakref.WeakValueDictionary[int, Model] = weakref.WeakValueDictionary()
IN_MEMORY = "<model>"  # the file problems name for a model built or changed in Python


def known_valid(model: Model) -> Model:
    """Remember that ``model`` passed every check (the loader calls this)."""
    _VALID[id(model)] = model
    return model


def validate(model: Model) -> list[Problem]:
    """Every problem of a model built or changed in Python: errors and warnings, with their paths.

    Parameters
    ----------
    model
        A model, built or changed in Python.

    Returns
    -------
    list of Problem
        Every error and warning, in order, each with its path in the model.

    Raises
    ------
    silomap.UsageError
        A path or a dict where the built model goes: load it first (:func:`silomap.load`).

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/telecom")
    >>> link = silomap.Integration(source="crm", target="crn", carries=["address"])
    >>> broken = m.model_copy(update={"integrations": (*m.integrations, link)})
    >>> [str(p) for p in silomap.validate(broken)]
    ["<model>: error[SM031]: integrations[21].to: unknown system 'crn'; did you mean 'crm'?"]
    """
    need_model(model)
    if _VALID.get(id(model)) is model:
        return []
    data = model.model_dump(by_alias=True, exclude_none=True, warnings=False)
    doc = Document(IN_MEMORY, data, {}, located=False)
    try:
        checked = Model.model_validate(data)
    except ValidationError as exc:
        return sorted(problems_from_pydantic(doc, exc.errors(include_url=False)))
    part = Part(doc, ModelPart())
    for kind in LIST_KINDS:
        part.items[kind] = list(enumerate(getattr(checked, kind)))
    problems = sorted(check_parts([part], Declared()) + model_warnings([part]))
    if not any(p.severity == "error" for p in problems):
        known_valid(model)
    return problems


def require_valid(model: Model) -> Model:
    """``model`` itself when it is valid; else :class:`ModelError` with every problem."""
    problems = validate(model)
    if any(p.severity == "error" for p in problems):
        raise ModelError(problems)
    return model
