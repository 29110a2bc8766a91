"""The mapping of a draft (``draft.md``, "Mapping"): observe's mapping file, read without a model,
its ``log`` replaced by the one given and its ``steps`` ignored; every mistake located at once.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import problems_from_pydantic, read_yaml_file
from .._observed import LogMapping, MappingFile
from .._text import quote_value
from .._yaml import Document

__all__ = ["HELD_BY_NONE", "read_mapping"]

HELD_BY_NONE = "SM087"  # an entity a reason needs that no system holds


def read_mapping(
    log: str | os.PathLike[str], path: str | os.PathLike[str], limits: Limits | None = None
) -> LogMapping:
    """Read a draft's mapping file, ``log`` in place of its ``log`` (named as given, from the
    current folder); :class:`silomap.ModelError` with every problem, located.

    >>> m = read_mapping("examples/draft/tickets.csv", "examples/draft/tickets.yaml")
    >>> str(m.path), m.file.columns.reason, m.file.steps
    ('examples/draft/tickets.csv', 'reason', {})
    """
    doc = read_yaml_file(path, limits)
    data = dict(doc.data)
    data["log"] = os.fspath(log)  # the log given replaces the mapping's (which may be left out)
    data.pop("steps", None)  # a draft ignores them: it writes its own
    try:
        checked = MappingFile.model_validate(data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), MappingFile)) from None
    problems = _held_by_none(doc, checked)
    if problems:
        raise ModelError(problems)
    return LogMapping(Path(log), checked, doc, None)


def _held_by_none(doc: Document, checked: MappingFile) -> list[Problem]:
    """Each entity of ``needs`` that no ``holds`` entry holds, at its place in ``needs``."""
    held = {entity for entities in checked.holds.values() for entity in entities}
    out = []
    for reason, entities in checked.needs.items():
        for index, entity in enumerate(entities):
            if entity not in held:
                message = (
                    f"entity {quote_value(entity)} is held by no system: add it to a 'holds' entry "
                    "(log system value -> entity ids), or leave it out"
                )
                out.append(doc.problem(("needs", reason, index), HELD_BY_NONE, message))
    return out
