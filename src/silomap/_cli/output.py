"""What the CLI prints about problems: text, GitHub annotations or JSON; and loading a model."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TextIO

from .._config import Limits
from .._errors import ModelError, Problem, SilomapError
from .._io import existing_files
from .._model import Model, load_with_warnings
from .._text import plural, safe_text

__all__ = [
    "InvalidSide",
    "as_json",
    "contract_json",
    "load_model",
    "load_side",
    "model_counts",
    "print_result",
    "problem_format",
    "show_model_error",
    "show_problems",
    "write_folder",
]


class _Written(Protocol):
    @property
    def files(self) -> dict[str, str]: ...

    def write(self, directory: str, *, force: bool = False) -> Path: ...


def write_folder(result: _Written, output: str, force: bool) -> None:
    """Write an import or a draft into ``output``; with ``--force``, say which earlier files went."""
    before = existing_files(Path(output))
    result.write(output, force=force)
    removed = [name for name in before if name not in result.files]
    if removed:
        shown = ", ".join(safe_text(name) for name in removed[:10]) + (" ..." if len(removed) > 10 else "")
        files = plural(len(removed), "earlier file")
        print(f"replaced {safe_text(output)} (--force): removed {files}: {shown}")


class _Contract(Protocol):
    def to_dict(self) -> object: ...


def contract_json(data: object) -> str:
    """A command's JSON contract as it prints it: indented, and UTF-8 rather than ``\\u`` escapes."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def print_result(result: _Contract, text: Callable[[], str], *, as_json: bool) -> None:
    """Print ``result``'s JSON contract (its ``to_dict()``) with ``--json``, else ``text()``."""
    if as_json:
        print(contract_json(result.to_dict()))
    else:
        print(text(), end="")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _workspace() -> Path:
    """Where annotation paths start: the Actions workspace, else the git work tree, else here."""
    if os.environ.get("GITHUB_WORKSPACE"):
        return Path(os.environ["GITHUB_WORKSPACE"]).resolve()
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


def annotation_path(problem: Problem) -> str:
    """The problem's file relative to the repository, so that GitHub attaches it to the changed line.

    A problem's file is relative to the working directory (or absolute); a name in angle
    brackets (``<stdin>``, ``<model>``) is no file, and stays as it is.
    """
    if problem.file.startswith("<"):
        return problem.file
    return os.path.relpath(Path(problem.file).resolve(), _workspace())


def _github(problem: Problem) -> str:
    level = "error" if problem.severity == "error" else "warning"
    where = f"{problem.path}: " if problem.path else ""
    file = _escape_property(safe_text(annotation_path(problem)))
    place = f",line={problem.line},col={problem.col}" if problem.line else ""
    props = f"file={file}{place},title={problem.code}"
    return f"::{level} {props}::{_escape_data(safe_text(where + problem.message))}"


def show_problems(problems: Sequence[Problem], limits: Limits, out: TextIO, fmt: str = "text") -> None:
    """Print problems one a line (at most ``limits.errors_shown``), as text or GitHub annotations."""
    shown = list(problems)[: limits.errors_shown]
    for problem in shown:
        line = _github(problem) if fmt == "github" else safe_text(str(problem))
        print(line, file=out)
    more = len(problems) - len(shown)
    if more > 0:
        print(f"… and {more:,} more {'problem' if more == 1 else 'problems'}", file=out)


def show_model_error(err: ModelError, limits: Limits, out: TextIO, fmt: str = "text") -> None:
    """Print the problems of an invalid model (or file), then its hint on stderr, if it has one."""
    show_problems(err.problems, limits, out, fmt)
    if err.hint:
        print(f"hint: {safe_text(err.hint)}", file=sys.stderr)


def problem_format(asked: str | None) -> str:
    """The format asked for, else ``github`` under GitHub Actions, else ``text``."""
    if asked:
        return asked
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def as_json(status: str, errors: list[Problem], warnings: list[Problem], limit: int) -> dict[str, object]:
    """The JSON document of ``silomap validate --format json``: at most ``limit`` problems of each
    severity, and in ``omitted`` how many more there are."""

    def row(p: Problem) -> dict[str, object]:
        return {key: getattr(p, key) for key in ("file", "line", "col", "code", "path", "message")}

    return {
        "status": status,
        "errors": [row(p) for p in errors[:limit]],
        "warnings": [row(p) for p in warnings[:limit]],
        "omitted": {"errors": max(0, len(errors) - limit), "warnings": max(0, len(warnings) - limit)},
    }


class InvalidSide(SilomapError):
    """One of two models a command compares is invalid; its problems were shown (exit 2)."""

    exit_code = 2


def load_side(name: str, load: Callable[[], Model], limits: Limits) -> Model:
    """Load one of two models (``base``, ``baseline (HEAD~1)``); an invalid one shows its problems and
    says which it is (exit 2)."""
    try:
        return load()
    except ModelError as err:
        show_model_error(err, limits, sys.stderr)
        raise InvalidSide(f"{name}: {plural(len(err.errors), 'error')} in the model") from None


_NOUNS = {
    "systems": "system",
    "integrations": "integration",
    "teams": "team",
    "questions": "question",
    "journeys": "journey",
}


def model_counts(model: Model, kinds: Sequence[str]) -> str:
    """How many items of each kind a model has, in words: ``1 system, 2 journeys``."""
    return ", ".join(plural(len(getattr(model, kind)), _NOUNS[kind]) for kind in kinds)


def load_model(path: str, limits: Limits) -> Model:
    """Load a model for a command that goes on to use it; its warnings go to stderr."""
    model, warnings = load_with_warnings(path, limits)
    show_problems(warnings, limits, sys.stderr)
    return model
