"""The log mapping file (``observed.md``): where the log is, its columns, and how its values map
onto the model. Read with the hardened YAML reader; every problem located, every model id checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic_core import ErrorDetails

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import Channel, Id, Model, Strict, problems_from_pydantic, read_yaml_file
from .._suggest import did_you_mean
from .._text import quote_value
from .._yaml import Document

__all__ = ["TARGETS", "LogMapping", "MappingFile", "load_mapping", "log_path", "split_targets", "target_text"]

Value = Annotated[str, Field(max_length=1_000)]
TARGETS = " "  # a list of steps as the engine's one text (ids hold no space): ``fix/queue fix/work``


def _target_kind(value: Any) -> str | None:
    return "list" if isinstance(value, list | tuple) else "step" if isinstance(value, str) else None


# A ``steps`` value: ``journey/step``, or a list of them (draft.md); the tag never shows in a location
Target = Annotated[
    Annotated[Value, Tag("step")] | Annotated[tuple[Value, ...], Field(min_length=1), Tag("list")],
    Discriminator(
        _target_kind,
        custom_error_type="target_type",
        custom_error_message="expected journey-id/step-id or a list of them",
    ),
]


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
    reason: Value | None = None  # the contact reason, read by ``silomap draft``; observe ignores it
    event: Value | None = None  # an event id: observe keeps the first of each per case, watch drops repeats
    duration: Value | None = None  # seconds an event took (average handle time)
    lifecycle: Value | None = None  # start / complete (average handle time, without a duration)


class MappingFile(Strict):
    """A log mapping file, version 1."""

    model_config = ConfigDict(title="silomap log mapping", populate_by_name=True)

    version: Annotated[int, Field(strict=True, ge=1, le=1, alias="silomap-log")]
    log: Value | None = Field(
        default=None,
        description="A .csv, .csv.gz, .parquet, .xes or .xes.gz file, a folder or a pattern; or one "
        "object-centric log: .jsonocel (OCEL 2.0 or 1.0), .xmlocel or .sqlite (OCEL 2.0). Required by "
        "silomap observe; silomap watch reads its source instead.",
    )
    case_object: Value | None = Field(
        default=None, description="For an object-centric log: the object type whose objects are the cases."
    )
    object_types: bool = Field(
        default=False, description="For an object-centric log: per journey, the object types its cases touch."
    )
    columns: Columns = Columns()
    timestamp_format: Value | None = Field(default=None, description="strptime format; default ISO 8601.")
    missing: tuple[Value, ...] = Field(default=("",), description="Cell values that mean no value.")
    repeat_window_days: Annotated[float, Field(strict=True, ge=0, le=3650)] = 7
    teams: dict[Value, Id] = Field(default_factory=dict, description="Log group value -> model team id.")
    self_service: tuple[Value, ...] = Field(default=(), description="Resources that are the customer.")
    systems: dict[Value, Id] = Field(default_factory=dict, description="Log system value -> model system id.")
    steps: dict[Value, Target] = Field(
        default_factory=dict, description="Log activity -> journey/step, or a list of them."
    )
    close: tuple[Value, ...] = Field(default=(), description="Activities that close a case (silomap watch).")
    # read by ``silomap draft`` (draft.md, "Mapping"); observe ignores them
    customer_channels: tuple[Value, ...] = Field(default=(), description="Channels that are the customer.")
    channels: dict[Value, Channel] = Field(default_factory=dict, description="Log channel -> channel.")
    needs: dict[Value, tuple[Id, ...]] = Field(default_factory=dict, description="Reason -> entities.")
    holds: dict[Value, tuple[Id, ...]] = Field(default_factory=dict, description="Log system -> entities.")


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
    def steps(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Log activity -> its (journey id, step id), one or more (a list in the file)."""
        return {activity: split_targets(target) for activity, target in self.file.steps.items()}


def target_text(target: str | tuple[str, ...]) -> str:
    """A ``steps`` value as one text, as the engine numbers it.

    >>> target_text("fix/queue"), target_text(("fix/queue", "fix/work"))
    ('fix/queue', 'fix/queue fix/work')
    """
    return target if isinstance(target, str) else TARGETS.join(target)


def split_targets(target: str | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A ``steps`` value, or its text, as (journey id, step id) pairs, in order.

    >>> split_targets("fix/queue fix/work")
    (('fix', 'queue'), ('fix', 'work'))
    """
    parts = target.split(TARGETS) if isinstance(target, str) else target
    return tuple((j, s) for j, _, s in (t.partition("/") for t in parts))


def _check_ids(doc: Document, checked: MappingFile, model: Model) -> list[Problem]:
    """Every id on the right of ``teams`` and ``systems`` exists in the model."""
    out = []
    teams = [t.id for t in model.teams]
    systems = [s.id for s in model.systems]
    for key, kind, known in (("teams", "team", teams), ("systems", "system", systems)):
        for value, ident in getattr(checked, key).items():
            if ident not in known:
                message = f"unknown {kind} {quote_value(ident)}{did_you_mean(ident, known)}"
                out.append(doc.problem((key, value), "SM031", message))
    return out


def _check_steps(doc: Document, model: Model) -> list[Problem]:
    """Every step named in ``steps`` exists in the model, and a list names each once. Read from the
    document as written, so these come with the problems of the rest (a value that is no string is
    pydantic's to tell)."""
    raw = doc.data.get("steps") if isinstance(doc.data, dict) else None
    out: list[Problem] = []
    steps = {f"{j.id}/{s.id}" for j in model.journeys for s in j.steps}
    for activity, target in raw.items() if isinstance(raw, dict) else ():
        listed = isinstance(target, list)
        for i, one in enumerate(target if listed else [target]):
            where = ("steps", activity, i) if listed else ("steps", activity)
            if not isinstance(one, str):
                continue
            if one not in steps:
                hint = did_you_mean(one, sorted(steps)) or "; write journey-id/step-id"
                out.append(doc.problem(where, "SM031", f"unknown step {quote_value(one)}{hint}"))
            elif one in target[:i]:
                message = f"{quote_value(one)} listed twice (first at [{target.index(one)}])"
                out.append(doc.problem(where, "SM035", message))
    return out


def _untagged(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """pydantic's errors with the kind of a ``steps`` value (``step``, ``list``) out of their place."""
    for error in errors:
        loc = error["loc"]
        if loc[:1] == ("steps",) and len(loc) > 2 and loc[2] in ("step", "list"):
            error["loc"] = (*loc[:2], *loc[3:])
    return errors


def load_mapping(
    path: str | os.PathLike[str], model: Model, limits: Limits | None = None, *, log: bool = True
) -> LogMapping:
    """Read a log mapping file and check it against ``model``; :class:`silomap.ModelError` with every
    problem located. ``log``: whether it must name its log (observe); a watch reads its source, and
    a mapping without ``log:`` then stands for its log where a problem is placed.

    >>> import silomap
    >>> m = load_mapping("examples/observed/retail-bank.yaml", silomap.load("models/retail-bank"))
    >>> m.path.name, m.steps["Look at the balance in the app"]
    ('retail-bank-log.csv', (('check-balance', 'balance-in-app'),))
    """
    doc = read_yaml_file(path, limits)
    problems = _check_steps(doc, model)
    needed: list[ErrorDetails] = []  # observe's mapping names its log (pydantic's own words, placed)
    if log and isinstance(doc.data, dict) and doc.data.get("log") is None:
        needed = [{"type": "missing", "loc": ("log",), "msg": "Field required", "input": doc.data}]
    try:
        checked = MappingFile.model_validate(doc.data)
    except ValidationError as exc:
        errors = _untagged([*needed, *exc.errors(include_url=False)])
        raise ModelError([*problems_from_pydantic(doc, errors, MappingFile), *problems]) from None
    if needed:
        raise ModelError([*problems_from_pydantic(doc, needed, MappingFile), *problems])
    problems += _check_ids(doc, checked, model)
    if problems:
        raise ModelError(problems)
    found, root = (Path(path), None) if checked.log is None else log_path(path, checked.log)
    return LogMapping(found, checked, doc, root)


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
