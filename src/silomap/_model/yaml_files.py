"""A model as YAML files that silomap's own loader accepts: for imports and changed models.

Every limit the loader enforces is respected here: a list too big for one
file (5 MiB, a million YAML nodes) is split into ``kind/part-001.yaml``...,
and a model too big in all is refused before anything is written.
"""

from __future__ import annotations

from typing import Any

import yaml

from .._config import Limits, mib
from .._errors import ModelError, Problem
from .items import LIST_KINDS_ORDER
from .schema import Model

__all__ = ["dump", "model_files", "nodes", "split_files", "split_lists"]

_LIMITS = Limits()
FILE_BYTES = _LIMITS.file_bytes * 4 // 5  # room to spare under the loader's budget
FILE_NODES = _LIMITS.events // 2


def dump(doc: Any) -> str:
    """One document as YAML, the same way for every file."""
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


class _NoAnchors(yaml.SafeDumper):
    """A row written in full where it appears, so that rows written apart make one file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump_row(row: Any) -> str:
    return yaml.dump([row], Dumper=_NoAnchors, sort_keys=False, allow_unicode=True, width=100)


def nodes(value: Any) -> int:
    """How many YAML events a value makes (a scalar one, a mapping or list two plus its content)."""
    if isinstance(value, dict):
        return 2 + sum(1 + nodes(v) for v in value.values())
    if isinstance(value, list):
        return 2 + sum(nodes(v) for v in value)
    return 1


def split_lists(lists: dict[str, list[Any]]) -> dict[str, Any]:
    """Each non-empty list as ``kind.yaml``, or as ``kind/part-NNN.yaml`` when one file cannot hold it."""
    return {name: doc for name, (doc, _) in split_files(lists).items()}


def split_files(lists: dict[str, list[Any]]) -> dict[str, tuple[Any, str]]:
    """As :func:`split_lists`, each file with its YAML text: every row is written once, to measure it
    and to be the file's text, so a big import is not written twice (20,000 systems took 10 s more).

    A file's text is what :func:`dump` writes of the file (a list under its key is written as a list
    at the top), but for YAML anchors: none, so that a row never refers to another.

    >>> split_files({"teams": [{"id": "a"}, {"id": "b", "tags": ["x"]}]})["teams.yaml"][1]
    'teams:\\n- id: a\\n- id: b\\n  tags:\\n  - x\\n'
    """
    out: dict[str, tuple[Any, str]] = {}
    total = 0
    for kind, rows in lists.items():
        if not rows:
            continue
        chunks: list[tuple[list[Any], list[str]]] = [([], [])]
        size = count = 0
        for row in rows:
            text = _dump_row(row)
            row_size, row_nodes = len(text.encode("utf-8")), nodes(row)
            if chunks[-1][0] and (size + row_size > FILE_BYTES or count + row_nodes > FILE_NODES):
                chunks.append(([], []))
                size = count = 0
            chunks[-1][0].append(row)
            chunks[-1][1].append(text)
            size, count, total = size + row_size, count + row_nodes, total + row_size
        files = [({kind: chunk}, f"{kind}:\n" + "".join(texts)) for chunk, texts in chunks]
        if len(files) == 1:
            out[f"{kind}.yaml"] = files[0]
        else:
            out.update({f"{kind}/part-{i:03d}.yaml": file for i, file in enumerate(files, 1)})
    if total > _LIMITS.total_bytes * 9 // 10:
        message = f"the imported model would be over {mib(_LIMITS.total_bytes)} MiB, more than silomap loads"
        raise ModelError([Problem("<import>", 1, 1, "SM002", message)])
    return out


def model_files(model: Model) -> dict[str, str]:
    """The files of a directory model holding ``model``: ``model.yaml`` and one file per kind.

    >>> import silomap
    >>> files = model_files(silomap.load("models/telecom"))
    >>> sorted(files)[:3]
    ['entities.yaml', 'integrations.yaml', 'journeys.yaml']
    """
    data = model.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    head = {key: data[key] for key in ("silomap", "name", "description", "scoring", "kpis") if key in data}
    head["silomap"] = model.silomap  # a default of the format, but always written
    lists = {kind: data.get(kind, []) for kind in LIST_KINDS_ORDER}
    return {name: dump(doc) for name, doc in ({"model.yaml": head} | split_lists(lists)).items()}
