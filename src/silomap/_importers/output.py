"""An import's documents as YAML files that silomap's own loader accepts.

Every limit the loader enforces is respected here: a list too big for one
file (5 MiB, a million YAML nodes) is split into ``kind/part-001.yaml``...,
and a model too big in all is refused before anything is written.
"""

from __future__ import annotations

from typing import Any

import yaml

from .._config import Limits, mib
from .._errors import ModelError, Problem

__all__ = ["dump", "nodes", "split_lists"]

_LIMITS = Limits()
FILE_BYTES = _LIMITS.file_bytes * 4 // 5  # room to spare under the loader's budget
FILE_NODES = _LIMITS.events // 2


def dump(doc: Any) -> str:
    """One document as YAML, the same way for every file."""
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def nodes(value: Any) -> int:
    """How many YAML events a value makes (a scalar one, a mapping or list two plus its content)."""
    if isinstance(value, dict):
        return 2 + sum(1 + nodes(v) for v in value.values())
    if isinstance(value, list):
        return 2 + sum(nodes(v) for v in value)
    return 1


def split_lists(lists: dict[str, list[Any]]) -> dict[str, Any]:
    """Each non-empty list as ``kind.yaml``, or as ``kind/part-NNN.yaml`` when one file cannot hold it."""
    out: dict[str, Any] = {}
    total = 0
    for kind, rows in lists.items():
        if not rows:
            continue
        chunks: list[list[Any]] = [[]]
        size = count = 0
        for row in rows:
            row_size, row_nodes = len(dump([row]).encode("utf-8")), nodes(row)
            if chunks[-1] and (size + row_size > FILE_BYTES or count + row_nodes > FILE_NODES):
                chunks.append([])
                size = count = 0
            chunks[-1].append(row)
            size, count, total = size + row_size, count + row_nodes, total + row_size
        if len(chunks) == 1:
            out[f"{kind}.yaml"] = {kind: chunks[0]}
        else:
            out.update({f"{kind}/part-{i:03d}.yaml": {kind: chunk} for i, chunk in enumerate(chunks, 1)})
    if total > _LIMITS.total_bytes * 9 // 10:
        message = f"the imported model would be over {mib(_LIMITS.total_bytes)} MiB, more than silomap loads"
        raise ModelError([Problem("<import>", 1, 1, "SM002", message)])
    return out
