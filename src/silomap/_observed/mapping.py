"""The log mapping file (``observed.md``): where the log is, its columns, and how its values map
onto the model. Read with the hardened YAML reader; every problem located, every model id checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationError

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import Channel, Id, Model, Strict, problems_from_pydantic, read_yaml_file
from .._suggest import did_you_mean
from .._text import quote_value
from .._yaml import Document

__all__ = ["LogMapping", "MappingFile", "load_mapping", "log_path"]

Value = Annotated[str, Field(max_length=1_000)]


class Columns(Strict):
    """Which column of the log holds what; ``null`` for a column the log does not have."""

    case: Value = "case:concept:name"  # the defaults are the XES keys
    activity: Value = "concept:name"
    timestamp: Value = "time:timestamp"
    resource: Value | None = "org:resource"
    group: Value | None = "org:group"
    channel: Value | None = None
    system: Value | None = None
    customer: Value | None = None
    order: Value | None = None
    reason: Value | None = Field(default=None, description="The contact reason (draft; observe ignores it).")


class MappingFile(Strict):
    """A log mapping file, version 1."""

    model_config = ConfigDict(title="silomap log mapping", populate_by_name=True)

    version: Annotated[int, Field(strict=True, ge=1, le=1, alias="silomap-log")]
    log: Value = Field(description="A .csv, .csv.gz, .parquet, .xes or .xes.gz file, a folder or a pattern.")
    columns: Columns = Columns()
    timestamp_format: Value | None = Field(default=None, description="strptime format; default ISO 8601.")
    missing: tuple[Value, ...] = Field(default=("",), description="Cell values that mean no value.")
    repeat_window_days: Annotated[float, Field(strict=True, ge=0, le=3650)] = 7
    teams: dict[Value, Id] = Field(default_factory=dict, description="Log group value -> model team id.")
    self_service: tuple[Value, ...] = Field(default=(), description="Resources that are the customer.")
    systems: dict[Value, Id] = Field(default_factory=dict, description="Log system value -> model system id.")
    steps: dict[Value, Value] = Field(default_factory=dict, description="Log activity -> journey/step.")
    # read by ``silomap draft`` (draft.md); observe ignores them
    customer_channels: tuple[Value, ...] = Field(default=(), description="Channels that are the customer.")
    channels: dict[Value, Channel] = Field(default_factory=dict, description="Log channel -> a channel.")
    needs: dict[Value, tuple[Id, ...]] = Field(default_factory=dict, description="Reason -> entity ids.")
    holds: dict[Value, tuple[Id, ...]] = Field(default_factory=dict, description="Log system -> entity ids.")


@dataclass(frozen=True)
class LogMapping:
    """A checked mapping: the log's path (relative to the mapping file's folder as that was given,
    so that errors name the log as the user would open it) and the rest as written; ``root``, for a
    log named relative to the mapping, the mapping's real folder, which the log may not leave."""

    path: Path
    file: MappingFile
    doc: Document | None = None
    root: Path | None = None

    @property
    def steps(self) -> dict[str, tuple[str, str]]:
        """Log activity -> (journey id, step id)."""
        return {
            activity: (target.partition("/")[0], target.partition("/")[2])
            for activity, target in self.file.steps.items()
        }


def _check_ids(doc: Document, checked: MappingFile, model: Model) -> list[Problem]:
    """Every id on the right of ``teams``, ``systems`` and ``steps`` exists in the model."""
    out = []
    teams = [t.id for t in model.teams]
    systems = [s.id for s in model.systems]
    for key, kind, known in (("teams", "team", teams), ("systems", "system", systems)):
        for value, ident in getattr(checked, key).items():
            if ident not in known:
                message = f"unknown {kind} {quote_value(ident)}{did_you_mean(ident, known)}"
                out.append(doc.problem((key, value), "SM031", message))
    steps = {f"{j.id}/{s.id}" for j in model.journeys for s in j.steps}
    for activity, target in checked.steps.items():
        if target not in steps:
            hint = did_you_mean(target, sorted(steps)) or "; write journey-id/step-id"
            out.append(doc.problem(("steps", activity), "SM031", f"unknown step {quote_value(target)}{hint}"))
    return out


def load_mapping(path: str | os.PathLike[str], model: Model, limits: Limits | None = None) -> LogMapping:
    """Read a log mapping file and check it against ``model``; :class:`silomap.ModelError` with every
    problem located.

    >>> import silomap
    >>> m = load_mapping("examples/observed/retail-bank.yaml", silomap.load("models/retail-bank"))
    >>> m.path.name, m.steps["Look at the balance in the app"]
    ('retail-bank-log.csv', ('check-balance', 'balance-in-app'))
    """
    doc = read_yaml_file(path, limits)
    try:
        checked = MappingFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), MappingFile)) from None
    problems = _check_ids(doc, checked, model)
    if problems:
        raise ModelError(problems)
    log, root = log_path(path, checked.log)
    return LogMapping(log, checked, doc, root)


def log_path(mapping: str | os.PathLike[str], log: str) -> tuple[Path, Path | None]:
    """A log named in the mapping file ``mapping``: its path (relative to the mapping's folder as
    that was given, so that errors name it as the user would open it) and, for a relative one, the
    mapping's real folder, which the log may not leave.

    >>> log_path("/srv/m.yaml", "/data/log.csv")
    (PosixPath('/data/log.csv'), None)
    """
    found, root = Path(log), None
    if not found.is_absolute():  # beside the mapping, named from its folder as given (for errors)
        given, root = Path(mapping).parent, Path(mapping).resolve().parent
        found = (given if given.resolve() == root else root) / found
    return found, root
