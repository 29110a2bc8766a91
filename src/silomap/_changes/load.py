"""Reading a change file with the hardened reader models use: every problem located."""

from __future__ import annotations

import os
from dataclasses import dataclass

from pydantic import ValidationError

from .._config import Limits
from .._errors import ModelError
from .._model import Document, problems_from_pydantic, read_yaml_file
from .schema import Change, ChangeFile

__all__ = ["ChangeSet", "load_changes"]


@dataclass(frozen=True)
class ChangeSet:
    """Changes to apply in order, with the document they came from (for located errors).

    >>> import silomap
    >>> changes = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> changes.name, [c.kind for c in changes.changes]
    ('Connect the app to core banking', ['add-integration'])
    """

    changes: tuple[Change, ...]
    name: str | None = None
    doc: Document | None = None


def load_changes(path: str | os.PathLike[str], limits: Limits | None = None) -> ChangeSet:
    """Read and check a change file; :class:`silomap.ModelError` with every problem located.

    >>> import silomap
    >>> changes = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> [c.kind for c in changes.changes]
    ['add-integration']
    """
    doc = read_yaml_file(path, limits)
    try:
        checked = ChangeFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), ChangeFile)) from None
    return ChangeSet(checked.changes, checked.name, doc)
