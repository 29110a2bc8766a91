"""Problems found in a model, and the one exception tree of silomap.

::

    SilomapError                 exit_code 4 (a bug in silomap)
    ├── ModelError               exit_code 2: the model is invalid; carries every Problem
    ├── UsageError               exit_code 2: the command line or an argument is wrong
    ├── GateFailed               exit_code 1: a check the user asked for failed
    └── ToolError                exit_code 3: an outside tool or the disk failed

Every exception knows its exit code, so the CLI maps them in one place.
An error carries its ``code`` (``SMnnn``) and the offending ``param`` as
data, as click's ``BadParameter`` does: the message names the parameter
with a ``{param}`` placeholder, which the library shows as an argument
(``journey=``) and the CLI as a flag (``--journey``). A message that names
another parameter (a way out: ``try {group_by}``) lists it in ``mentions``
and writes it ``{group_by}``, or with a value ``{renderer=embedded}``
(``renderer='embedded'`` in Python, ``--renderer embedded`` on the command
line): the library never names a flag.

A :class:`Problem` is one finding with its place: ``file:line:col``, the path
inside the document, a stable ``SMnnn`` code, and a message that says what was
expected. Codes are documented in ``docs/errors.md`` and never reused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "PARAM",
    "GateFailed",
    "ModelError",
    "Problem",
    "SilomapError",
    "ToolError",
    "UsageError",
    "argument_hint",
]

Severity = Literal["error", "warning"]
PARAM = "{param}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in a model, with where it is and what was expected.

    ``line`` and ``col`` are 1-based, as editors show them (0: not known); ``file``
    is the file as the user would open it: it starts with the path given
    (``acme/systems.yaml`` for a model given as ``acme``, absolute for an
    absolute path), or is a name in angle brackets (``<stdin>``) where there
    is no file. ``path`` is the place inside the document, such as
    ``journeys[2].steps[0].systems[1]`` (empty for the whole file).

    Parameters
    ----------
    file, line, col
        Where: the file as given, and the 1-based line and column (0: not known).
    code
        The stable code (``SM031``), listed in the docs' errors page.
    message
        What is wrong and what was expected.
    path
        The place inside the document (``integrations[0].to``).
    severity
        ``error`` or ``warning``.

    Examples
    --------
    >>> p = Problem("bank.yaml", 3, 5, "SM031", "unknown system 'erp2'", "integrations[0].to")
    >>> str(p)
    "bank.yaml:3:5: error[SM031]: integrations[0].to: unknown system 'erp2'"
    """

    file: str
    line: int
    col: int
    code: str
    message: str
    path: str = ""
    severity: Severity = field(default="error")

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        place = f"{self.file}:{self.line}:{self.col}" if self.line else self.file  # line 0: not known
        return f"{place}: {self.severity}[{self.code}]: {where}{self.message}"


def argument_hint(param: str) -> str:
    """How the library names a parameter in a message: as the keyword argument."""
    return f"{param}="


def _named(hint: Callable[[str], str], param: str, value: str | None) -> str:
    """A parameter as ``hint`` names it, with a value: ``renderer='embedded'``, ``--renderer embedded``."""
    said = hint(param)
    if value is None:
        return said
    return f"{said}{value!r}" if said.endswith("=") else f"{said.split(' ')[0]} {value}"


_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[str | int, ...]:
    """``text`` for sorting, its numbers as numbers: ``event[9]`` before ``event[10]``."""
    return tuple(int(part) if n % 2 else part for n, part in enumerate(_DIGITS.split(text)))


def _order(problem: Problem) -> tuple[Any, ...]:
    """Problems in the order a user reads them: by file, line and column, then (for those with no
    line, such as a log's rows in a database) by their place inside the document, numbers as
    numbers, then by code and message.

    >>> at = lambda path: Problem("log.sqlite", 0, 0, "SM088", "bad time", path)
    >>> [p.path for p in sorted([at("event[10]"), at("event[9]")], key=_order)]
    ['event[9]', 'event[10]']
    """
    where = (problem.file, problem.line, problem.col, _natural(problem.path))
    return (*where, problem.code, _natural(problem.message))


class SilomapError(Exception):
    """Base of every error silomap raises on purpose.

    ``code`` is the stable ``SMnnn`` code (or ``None``), ``param`` the
    parameter at fault (or ``None``); ``str(err)`` phrases it for Python.

    Parameters
    ----------
    message
        What went wrong; ``{param}`` stands for the parameter at fault.
    code
        The stable ``SMnnn`` code, if any.
    param
        The parameter at fault, if any.
    mentions
        Other parameters the message names, as ``{name}`` or ``{name=value}``.

    Examples
    --------
    >>> err = UsageError("the journey view needs {param}", param="journey")
    >>> str(err), err.format_message(lambda p: f"--{p} ID")
    ('the journey view needs journey=', 'the journey view needs --journey ID')
    >>> str(ToolError("Graphviz not found", code="SM041"))
    'error[SM041]: Graphviz not found'
    >>> slow = ToolError("slow; try {group_by} or {renderer=embedded}", mentions=("group_by", "renderer"))
    >>> str(slow), slow.format_message(lambda p: "--" + p.replace("_", "-"))
    ("slow; try group_by= or renderer='embedded'", 'slow; try --group-by or --renderer embedded')
    """

    exit_code: int = 4

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        mentions: tuple[str, ...] = (),
    ) -> None:
        self.message = message
        self.code = code
        self.param = param
        self.mentions = mentions  # other parameters the message names, as {name} or {name=value}
        super().__init__(self.format_message())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its data (code, parameter, problems), as a worker process hands it back."""
        return _restore, (type(self), self.args, self.__dict__)

    def format_message(self, hint: Callable[[str], str] = argument_hint) -> str:
        """The message with its code, the parameter (and those it mentions) named by ``hint``."""
        text = self.message.replace(PARAM, hint(self.param), 1) if self.param else self.message
        if self.mentions:
            names = "|".join(re.escape(name) for name in self.mentions)
            found = re.compile("{(" + names + ")(?:=([^{}]*))?}")
            text = found.sub(lambda m: _named(hint, m.group(1), m.group(2)), text)
        return f"error[{self.code}]: {text}" if self.code else text


class ModelError(SilomapError):
    """The model is invalid. ``problems`` holds every error (and warning) found; ``hint``, when
    set, what to do instead (give the folder of a directory model, not one of its files).

    Parameters
    ----------
    problems
        Every problem found, errors and warnings (:class:`Problem`).
    hint
        What to do instead, when the problems suggest it.

    Examples
    --------
    >>> err = ModelError([Problem("m.yaml", 1, 1, "SM016", "top level must be a mapping")])
    >>> err.exit_code, len(err.errors)
    (2, 1)
    """

    exit_code = 2

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = sorted(problems, key=_order)
        self.hint = hint  # what to do instead, when the problems suggest it (a file of a directory model)
        first = self.errors[0] if self.errors else None
        count = f"{len(self.errors)} error{'' if len(self.errors) == 1 else 's'}"
        super().__init__(
            f"{count} in the model" + (f"; first: {first}" if first else "") + (f"; {hint}" if hint else "")
        )

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]


class UsageError(SilomapError):
    """A wrong command line or argument (exit code 2).

    Parameters
    ----------
    message, code, param, mentions
        The message, its code and the parameter at fault, as :class:`SilomapError` takes them.

    Examples
    --------
    >>> import silomap
    >>> try:
    ...     silomap.import_model("plan.vsdx", "visio")
    ... except UsageError as err:
    ...     print(err.exit_code, err)
    2 kind= must be one of archimate, structurizr, bpmn, backstage, calm, not 'visio'
    """

    exit_code = 2


class GateFailed(SilomapError):
    """A gate the user set failed, such as a score above the bound CI allows (exit code 1).

    Parameters
    ----------
    message, code, param, mentions
        What failed and by how much; the rest as :class:`SilomapError` takes them.

    Examples
    --------
    >>> GateFailed("silo score 45.0 is above 40").exit_code
    1
    """

    exit_code = 1


class ToolError(SilomapError):
    """An outside tool or the disk failed or timed out (exit code 3).

    Parameters
    ----------
    message, code, param, mentions
        Which tool failed and how; a way out may name a parameter (``{group_by}``, ``mentions``).

    Examples
    --------
    >>> ToolError("cannot write report.svg: No space left on device", code="SM051").exit_code
    3
    """

    exit_code = 3


def _restore(cls: type[SilomapError], args: tuple[Any, ...], state: dict[str, Any]) -> SilomapError:
    """An error as it was pickled: ``__init__`` is not run again, since its parameters differ."""
    err = cls.__new__(cls, *args)
    err.args = args
    err.__dict__.update(state)
    return err
