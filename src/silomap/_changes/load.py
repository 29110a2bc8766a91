"""Reading a change file with the hardened reader models use: every problem located."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import (
    LIST_KINDS,
    need_limits,
    need_path,
    old_spellings,
    problems_from_pydantic,
    read_yaml_file,
    shown,
)
from .._yaml import Document
from .schema import Change, ChangeFile

__all__ = ["ChangeSet", "load_changes"]

# silomap's other files, by their first key: a model given where its change file goes, say
_OTHER = {
    "silomap": "a model",
    "silomap-assessment": "an assessment file",
    "silomap-log": "a log mapping",
    "silomap-rates": "a rates file",
    **dict.fromkeys(LIST_KINDS, "a file of a model"),
}
_USE = "a change file starts with silomap-changes: 1, and comes second (silomap whatif MODEL CHANGES)"


@dataclass(frozen=True)
class ChangeSet:
    """Changes to apply in order, with the document they came from (for located errors).

    Attributes
    ----------
    changes
        The changes, in the order they apply.
    name
        The change file's name for them, if any.
    doc
        The document they came from, so that errors point into it.

    Examples
    --------
    >>> import silomap
    >>> changes = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> changes.name, [c.kind for c in changes.changes]
    ('Connect the app to core banking', ['add-integration'])
    """

    changes: tuple[Change, ...]
    name: str | None = None
    doc: Document | None = None


@old_spellings(positional=("limits",))
def load_changes(path: str | os.PathLike[str], *, limits: Limits | None = None) -> ChangeSet:
    """Read and check a change file; :class:`silomap.ModelError` with every problem located.

    A model, an assessment file, a log mapping or a folder given instead is named
    as such (SM016), with where the change file goes.

    Parameters
    ----------
    path
        A change file (``silomap-changes: 1``).
    limits
        The budgets of the reader.

    Returns
    -------
    ChangeSet
        The changes in order, each placed in the file.

    Raises
    ------
    silomap.UsageError
        ``path`` or ``limits`` is of another kind, naming it.
    silomap.ModelError
        Each problem of the change file (an unknown kind, a missing field), with its line; a model
        or another file given instead (SM016).

    Examples
    --------
    >>> import silomap
    >>> changes = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> [c.kind for c in changes.changes]
    ['add-integration']
    """
    need_path(path)
    need_limits(limits)
    if Path(path).is_dir():
        message = f"this is a folder, not a change file: {_USE}"
        raise ModelError([Problem(shown(path), 0, 0, "SM016", message)])
    doc = read_yaml_file(path, limits)
    keys = set(doc.data) if isinstance(doc.data, dict) else set()
    other = next((what for key, what in _OTHER.items() if key in keys), None)
    if other is not None and "silomap-changes" not in keys:
        raise ModelError([doc.problem((), "SM016", f"this is {other}, not a change file: {_USE}")])
    try:
        checked = ChangeFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), ChangeFile)) from None
    return ChangeSet(checked.changes, checked.name, doc)
