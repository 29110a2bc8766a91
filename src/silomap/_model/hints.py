"""One hint for a file (or a folder) of a directory model given alone: the folder is the model.

A directory model spreads its ids over files: ``systems.yaml`` names the teams
``teams.yaml`` declares, and ``model.yaml`` holds ``silomap:`` and ``name:``.
Given alone, such a file fails with errors its siblings would resolve. The rule
is cheap (no other file is parsed) and never says more than it knows:

- the model was a file (not a pipe) or a folder that is no directory model itself;
- every error is one another file of a model can resolve: an unknown reference
  (SM031), a missing ``silomap`` or ``name`` (SM021 at the top), an entity held
  by no system (SM034);
- a folder above it (on the path as given, then ``..``) holds a ``model.yaml`` (or ``.yml``) that
  declares ``silomap:``, and another YAML file or folder besides the one given.
  (Whether those siblings declare the ids is not checked: that would read the
  whole model. The hint names the folder, whose files the user can see.)

The hint names the nearest such folder as the user would type it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath

from .._errors import Problem
from .._text import quote_value
from .files import SUFFIXES, SourceFile, shown

__all__ = ["folder_hint"]

_HEADS = ("missing required field 'silomap'", "missing required field 'name'")
_DECLARES = re.compile(rb"(?m)^silomap:")
_HEAD_FILES = ("model.yaml", "model.yml")
_PEEK = 65_536  # enough for the head of a model.yaml; never the whole of a large file


def _resolvable(problem: Problem) -> bool:
    """Whether another file of a directory model could resolve this error."""
    head = problem.code == "SM021" and problem.message.startswith(_HEADS)
    return head or problem.code in ("SM031", "SM034")


def _declares(path: Path) -> bool:
    """Whether ``path`` is a regular file whose first 64 KiB declare ``silomap:`` (no FIFO is opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with path.open("rb") as handle:
            return bool(_DECLARES.search(handle.read(_PEEK)))
    except OSError:
        return False


def _model_folder(folder: Path, given: Path) -> bool:
    """Whether ``folder`` is a directory model with a YAML file or a folder besides ``given``."""
    if not any(_declares(folder / name) for name in _HEAD_FILES):
        return False
    try:
        entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
    except OSError:
        return False
    mine = given.resolve()
    return any((e.is_dir() or e.name.endswith(SUFFIXES)) and Path(e.path).resolve() != mine for e in entries)


def _folders_above(path: PurePath) -> Iterator[PurePath]:
    """The folders above ``path``, as the user would type them: ``acme``, ``.``, then ``..``, ``../..``."""
    yield from path.parents
    if not path.is_absolute():
        up = PurePath("..")
        for _ in Path.cwd().parents:
            yield up
            up = up / ".."


def folder_hint(
    path: str | os.PathLike[str], files: Sequence[SourceFile], problems: list[Problem]
) -> str | None:
    """Say which folder to give when ``path``, part of a directory model, fails alone; else None.

    >>> from silomap._model.files import discover
    >>> from silomap._config import Limits
    >>> files, _ = discover(Path("models/retail-bank/systems.yaml"), Limits())
    >>> unknown = [Problem("x", 1, 1, "SM031", "unknown team 'x'")]
    >>> folder_hint("models/retail-bank/systems.yaml", files, unknown)
    "models/retail-bank/systems.yaml is part of the directory model 'models/retail-bank': give the folder"
    """
    errors = [p for p in problems if p.severity == "error"]
    if any(f.stream for f in files) or not errors or not all(_resolvable(p) for p in errors):
        return None
    given = Path(path)
    if given.is_dir() and any(_declares(given / name) for name in _HEAD_FILES):
        return None  # a directory model of its own: its errors are its own
    for folder in _folders_above(PurePath(path)):
        if _model_folder(Path(folder), given):
            model = quote_value(shown(folder))
            return f"{shown(path)} is part of the directory model {model}: give the folder"
    return None
