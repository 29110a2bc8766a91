"""A model as YAML files that silomap's own loader accepts: for imports and changed models.

Every limit the loader enforces is respected here: a list too big for one
file (5 MiB, a million YAML nodes) is split into ``kind/part-001.yaml``...,
and a row too big for any file (a journey of 60,000 steps) or a model too big
in all is refused before anything is written, as soon as it is known.

YAML is written by libyaml's emitter (``yaml.CSafeDumper``) where PyYAML has
it, else by PyYAML's own: the same bytes, 10 times faster or more.
"""

from __future__ import annotations

import re
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
_ROW_NODES = 16  # the nodes of a file besides its one row: stream, document, the kind and its list

# libyaml's emitter where PyYAML was built with it, else PyYAML's own (pure Python, 10x slower)
DUMPERS: dict[str, type[Any]] = {"python": yaml.SafeDumper}
if getattr(yaml, "__with_libyaml__", False):
    DUMPERS["libyaml"] = yaml.CSafeDumper
EMITTER = "libyaml" if "libyaml" in DUMPERS else "python"  # the one used; tests and benchmarks set it


class _NoAnchors:
    """A row written in full where it appears, so that rows written apart make one file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_ROW_DUMPERS = {name: type(f"NoAnchors{name}", (_NoAnchors, base), {}) for name, base in DUMPERS.items()}


# A text both emitters write alike: PyYAML writes a text double-quoted when it has a character it
# escapes, a space before or after a line break, or a leading line break, and folds such a text
# otherwise than libyaml; libyaml also takes odd spaces (U+00A0, U+2009...) and characters beyond
# U+FFFF otherwise. A document with such a text, or an empty or multi-line key, is written by
# PyYAML's emitter: the bytes are the same either way (fuzzed over 200,000 texts; tests compare).
_UNLIKE = re.compile(
    "[^\n\x20-\x7e\xa1-\u167f\u1681-\u1fff\u200c-\u2027\u2030-\u205e\u2060-\u2fff\u3001-\ud7ff"
    "\ue000-\ufefe\uff00-\ufffd]| \n|\n |^\n"
)


def _alike(value: Any) -> bool:
    """Whether libyaml writes ``value`` as PyYAML's own emitter does."""
    if isinstance(value, str):
        return _UNLIKE.search(value) is None
    if isinstance(value, dict):
        return all(
            (not isinstance(k, str) or (k and "\n" not in k and _alike(k))) and _alike(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return all(_alike(v) for v in value)
    return True


def _emitter(doc: Any) -> str:
    return "libyaml" if EMITTER == "libyaml" and _alike(doc) else "python"


def dump(doc: Any) -> str:
    """One document as YAML, the same way for every file."""
    dumper = DUMPERS[_emitter(doc)]
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _dump_row(row: Any) -> str:
    dumper = _ROW_DUMPERS[_emitter(row)]
    return yaml.dump([row], Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


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


def split_files(lists: dict[str, list[Any]], *, limits: Limits | None = None) -> dict[str, tuple[Any, str]]:
    """As :func:`split_lists`, each file with its YAML text: every row is written once, to measure it
    and to be the file's text, so a big import is not written twice (20,000 systems took 10 s more).

    A file's text is what :func:`dump` writes of the file (a list under its key is written as a list
    at the top), but for YAML anchors: none, so that a row never refers to another.

    Parameters
    ----------
    lists
        Each kind's rows, in the order the files list them.
    limits
        The loader's budgets the files must keep to (the defaults when ``None``).

    Returns
    -------
    dict
        Each file's name, with its document and its YAML text.

    Raises
    ------
    silomap.ModelError
        A row no file can hold (SM002 at ``kind[index]`` in ``kind.yaml``), as soon as it is met; a
        model over the loader's budget in all (SM002), as soon as it is passed.

    Examples
    --------
    >>> split_files({"teams": [{"id": "a"}, {"id": "b", "tags": ["x"]}]})["teams.yaml"][1]
    'teams:\\n- id: a\\n- id: b\\n  tags:\\n  - x\\n'
    """
    limits = limits or _LIMITS
    out: dict[str, tuple[Any, str]] = {}
    written = [0]  # the bytes written so far, of every kind
    for kind, rows in lists.items():
        if rows:
            out.update(_kind_files(kind, rows, limits, written))
    return out


def _kind_files(kind: str, rows: list[Any], limits: Limits, written: list[int]) -> dict[str, tuple[Any, str]]:
    """One kind's files: as many rows to a file as it holds; ``written`` counts the bytes of all."""
    default = limits == _LIMITS  # the module's bounds, which tests lower
    file_bytes = FILE_BYTES if default else limits.file_bytes * 4 // 5
    file_nodes = FILE_NODES if default else limits.events // 2
    chunks: list[tuple[list[Any], list[str]]] = [([], [])]
    size = count = 0
    for index, row in enumerate(rows):
        row_nodes = nodes(row)
        _check_nodes(kind, index, row, row_nodes, limits)  # before writing a row too big to read
        text = _dump_row(row)
        row_size = len(text.encode("utf-8"))
        _check_bytes(kind, index, row, row_size, limits)
        if chunks[-1][0] and (size + row_size > file_bytes or count + row_nodes > file_nodes):
            chunks.append(([], []))
            size = count = 0
        chunks[-1][0].append(row)
        chunks[-1][1].append(text)
        size, count, written[0] = size + row_size, count + row_nodes, written[0] + row_size
        if written[0] > limits.total_bytes * 9 // 10:
            said = f"the imported model would be over {mib(limits.total_bytes)} MiB, more than silomap loads"
            raise ModelError([Problem("<import>", 1, 1, "SM002", said)])
    files = [({kind: chunk}, f"{kind}:\n" + "".join(texts)) for chunk, texts in chunks]
    if len(files) == 1:
        return {f"{kind}.yaml": files[0]}
    return {f"{kind}/part-{i:03d}.yaml": file for i, file in enumerate(files, 1)}


def _check_nodes(kind: str, index: int, row: Any, count: int, limits: Limits) -> None:
    if count + _ROW_NODES > limits.events:
        said = f"{count:,} YAML nodes in one file, more than the {limits.events:,} silomap reads in one"
        raise ModelError([_too_big(kind, index, row, said, limits.events / (count + _ROW_NODES))])


def _check_bytes(kind: str, index: int, row: Any, size: int, limits: Limits) -> None:
    if size + len(kind) + 2 > limits.file_bytes:
        bound = mib(limits.file_bytes)
        said = f"{size / 2**20:.1f} MiB of YAML in one file, more than the {bound} MiB silomap reads in one"
        raise ModelError([_too_big(kind, index, row, said, limits.file_bytes / (size + len(kind) + 2))])


def _too_big(kind: str, index: int, row: Any, said: str, share: float) -> Problem:
    """A row no file can hold: what it would take, the bound, and what to do (a journey: how many
    steps each of the journeys it is split into may have, about)."""
    what = kind.rstrip("s")
    steps = row.get("steps") if kind == "journeys" and isinstance(row, dict) else None
    if isinstance(steps, list) and len(steps) > 1:
        most = int(len(steps) * share * 0.95)
        most = most // 1000 * 1000 if most >= 10_000 else most // 100 * 100 or most
        what = f"a journey of {len(steps):,} steps"
        todo = (
            f"a journey cannot be split across files: split it into journeys of at most about {most:,} steps"
        )
    else:
        what = f"this {what}"
        todo = f"one {kind.rstrip('s')} cannot be split across files: make it smaller in the source"
    return Problem(f"{kind}.yaml", 1, 1, "SM002", f"{what} would make {said}; {todo}", f"{kind}[{index}]")


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
