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
(``journey=``) and the CLI as a flag (``--journey``).

A :class:`Problem` is one finding with its place: ``file:line:col``, the path
inside the document, a stable ``SMnnn`` code, and a message that says what was
expected. Codes are documented in ``docs/errors.md`` and never reused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

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


class SilomapError(Exception):
    """Base of every error silomap raises on purpose.

    ``code`` is the stable ``SMnnn`` code (or ``None``), ``param`` the
    parameter at fault (or ``None``); ``str(err)`` phrases it for Python.

    >>> err = UsageError("the journey view needs {param}", param="journey")
    >>> str(err), err.format_message(lambda p: f"--{p} ID")
    ('the journey view needs journey=', 'the journey view needs --journey ID')
    >>> str(ToolError("Graphviz not found", code="SM041"))
    'error[SM041]: Graphviz not found'
    """

    exit_code: int = 4

    def __init__(self, message: str, *, code: str | None = None, param: str | None = None) -> None:
        self.message = message
        self.code = code
        self.param = param
        super().__init__(self.format_message())

    def format_message(self, hint: Callable[[str], str] = argument_hint) -> str:
        """The message with its code, the parameter named by ``hint``."""
        text = self.message.replace(PARAM, hint(self.param), 1) if self.param else self.message
        return f"error[{self.code}]: {text}" if self.code else text


class ModelError(SilomapError):
    """The model is invalid. ``problems`` holds every error (and warning) found; ``hint``, when
    set, what to do instead (give the folder of a directory model, not one of its files).

    >>> err = ModelError([Problem("m.yaml", 1, 1, "SM016", "top level must be a mapping")])
    >>> err.exit_code, len(err.errors)
    (2, 1)
    """

    exit_code = 2

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = sorted(problems)
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

    >>> import silomap
    >>> try:
    ...     silomap.import_model("visio", "plan.vsdx")
    ... except UsageError as err:
    ...     print(err.exit_code, err)
    2 kind= must be one of archimate, structurizr, bpmn, backstage, not 'visio'
    """

    exit_code = 2


class GateFailed(SilomapError):
    """A gate the user set failed, such as ``--fail-above`` (exit code 1).

    >>> GateFailed("silo score 45.0 is above 40").exit_code
    1
    """

    exit_code = 1


class ToolError(SilomapError):
    """An outside tool or the disk failed or timed out (exit code 3).

    >>> ToolError("cannot write report.svg: No space left on device", code="SM051").exit_code
    3
    """

    exit_code = 3
