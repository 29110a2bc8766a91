"""``draft(log, mapping)``: a model drafted from an event log, validated, with its mapping and
report, written as an import is (:meth:`Draft.write`)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .._config import Limits
from .._display import Shown
from .._errors import UsageError
from .._importers import NAME_MAX, Builder
from .._io import write_directory
from .._model import Model, described, dump, load_with_warnings, need, need_limits, need_whole, split_files
from .._observed import LogMapping, Settings, check_memory_limit, check_temp_directory, prepare, start
from .._progress import shown
from .build import Drafted, Kept, draft_items
from .events import Log, read_log, read_runs
from .journeys import Group, cut, groups, representative
from .mapping import read_mapping
from .report import draft_report

__all__ = ["KEYS", "MAPPING", "REPORT", "Draft", "draft"]

KEYS = ("first-last", "first")  # how a case's key is read when the mapping gives no reason
MAPPING, REPORT = "mapping.yaml", "draft-report.md"


@dataclass(frozen=True, repr=False)
class Draft(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """A model drafted from an event log, already validated, with evidence on every item.

    Attributes
    ----------
    model
        The drafted model, valid.
    report
        ``draft-report.md``: the log, the journeys drafted and left out, what was assumed and what
        to fill in.
    files
        Each file of the output folder, by name: the model's YAML files, ``mapping.yaml`` (its
        ``log`` as given; :meth:`write` makes it relative to the folder) and ``draft-report.md``.

    Examples
    --------
    >>> import silomap
    >>> d = silomap.draft("examples/draft/tickets.csv", "examples/draft/tickets.yaml", min_cases=1)
    >>> [j.id for j in d.model.journeys], sorted(d.files)[:2]
    (['billing', 'outage'], ['draft-report.md', 'entities.yaml'])
    """

    model: Model
    report: str
    files: dict[str, str]
    _mapping: dict[str, Any]
    _log: Path

    def write(self, directory: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the folder, whole (staged, then renamed into place), and return its path.

        A non-empty folder is refused unless ``force``; then its model files and report are
        replaced, and other files kept. ``mapping.yaml`` names the log relative to the folder (its
        absolute path when it lies outside: observe reads a relative log only inside the folder).
        """
        out = Path(directory)
        log = self._log.absolute()
        inside = log.is_relative_to(out.absolute())
        mapping = {**self._mapping, "log": os.path.relpath(log, out.absolute()) if inside else str(log)}
        write_directory(self.files | {MAPPING: dump(mapping)}, out, force)
        return out


def _cover(value: object) -> Decimal:
    """``cover`` read as a decimal (a float by its shortest text: 0.8 is 8/10), in (0, 1]."""
    try:
        exact = Decimal(str(value)) if isinstance(value, (str, float, int, Decimal)) else None
    except InvalidOperation:
        exact = None
    if isinstance(value, bool) or exact is None or not exact.is_finite() or not 0 < exact <= 1:
        raise UsageError(f"{{param}} must be a number in (0, 1], not {described(value)}", param="cover")
    return exact


def draft(
    log: str | os.PathLike[str],
    mapping: str | os.PathLike[str],
    *,
    cover: float | str | Decimal = Decimal("0.8"),
    max_journeys: int = 20,
    min_cases: int = 30,
    key: str = "first-last",
    memory_limit: str | None = None,
    temp_directory: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    limits: Limits | None = None,
) -> Draft:
    """Draft a model from an event log: journeys, steps, teams, systems, questions and entities,
    each with ``x-evidence`` (its cases and their share), as ``draft.md`` says.

    Parameters
    ----------
    log, mapping
        The log (a .csv, .csv.gz, .parquet, .xes or .xes.gz file, a folder or a pattern, named from
        the current folder) and a log mapping file (``silomap-log: 1``), whose ``log`` it replaces.
    cover, max_journeys, min_cases
        The journeys kept, largest first: until ``max_journeys`` are, or the next has under
        ``min_cases`` cases, or they hold at least ``cover`` of the cases (a decimal in (0, 1]).
    key
        Without a ``reason`` column: ``first-last`` (a case's first and last activity) or
        ``first`` (its first activity).
    memory_limit, temp_directory, progress, limits
        As :func:`silomap.observe`: DuckDB's memory bound and spill folder, its progress bar, and
        the budgets of the mapping's reader.

    Returns
    -------
    Draft
        The model, validated, its files and ``draft-report.md``, to :meth:`~Draft.write`.

    Raises
    ------
    silomap.UsageError, silomap.ModelError, silomap.ToolError
        An argument out of range, named (``cover=``); a mapping or a log with problems, each
        located (a bad timestamp at its file and row); out of memory or disk.

    Examples
    --------
    >>> import silomap
    >>> d = silomap.draft("examples/draft/tickets.csv", "examples/draft/tickets.yaml", min_cases=1)
    >>> j = d.model.journeys[0]
    >>> j.id, j.volume, [s.id for s in j.steps], dict(j.extensions)["x-evidence"]
    ('billing', 4.0, ['open', 'check-invoice', 'resolve'], {'cases': 4, 'share': 0.5})
    """
    exact = _checked(log, mapping, cover, (max_journeys, min_cases), key)
    check_memory_limit(memory_limit)
    check_temp_directory(temp_directory)
    need(progress, bool, "progress", "True, False or None", optional=True)
    need_limits(limits)
    found = read_mapping(log, mapping, limits)
    settings = Settings(memory_limit, temp_directory, shown(progress))
    drafted, seen = _drafted(found, settings, key, (exact, max_journeys, min_cases))
    return _result(drafted, found, log, limits, seen)


def _drafted(
    found: LogMapping, settings: Settings, key: str, bounds: tuple[Decimal, int, int]
) -> tuple[Drafted, tuple[Log, list[Group], int]]:
    """The two passes on the engine and the Python between them; what the report needs."""
    by_reason = found.file.columns.reason is not None
    cover, max_journeys, min_cases = bounds
    db = start("duckdb", settings)
    with db.progress():
        prepare(db, found)
        read = read_log(db, found)
        ranked, unkeyed = groups(read.variants, "reason" if by_reason else key)
        n = cut(ranked, read.cases, cover=cover, max_journeys=max_journeys, min_cases=min_cases)
        kept = [Kept(g, representative(g.variants)) for g in ranked[:n]]
        runs = read_runs(db, [(k.group.key if by_reason else None, k.variant) for k in kept], read.names)
    return draft_items(read, found, kept, runs, by_reason), (read, ranked[n:], unkeyed)


def _checked(
    log: object, mapping: object, cover: object, counts: tuple[object, object], key: object
) -> Decimal:
    """The arguments checked, each error naming its parameter; ``cover`` as a decimal."""
    need(log, (str, os.PathLike), "log", "a log's path")
    need(mapping, (str, os.PathLike), "mapping", "a log mapping file's path")
    exact = _cover(cover)
    need_whole(counts[0], "max_journeys", least=1)
    need_whole(counts[1], "min_cases", least=1)
    if key not in KEYS:
        raise UsageError(f"{{param}} must be one of {', '.join(KEYS)}, not {described(key)}", param="key")
    return exact


def _result(
    drafted: Drafted,
    found: LogMapping,
    log: str | os.PathLike[str],
    limits: Limits | None,
    seen: tuple[Log, list[Group], int],
) -> Draft:
    """The files, the validated model and the report."""
    head = {"silomap": 1, "name": Builder("draft", "log").clean(f"Draft from {Path(log).name}", NAME_MAX)}
    files = {"model.yaml": dump(head)} | {
        name: text for name, (_, text) in split_files(drafted.lists).items()
    }
    model = _validated(files, limits)
    read, left, unkeyed = seen
    text = draft_report(read, drafted, left, unkeyed, log_name=Path(log).name, model=model)
    document = _mapping(found.doc.data if found.doc else {}, drafted, log)
    return Draft(model, text, files | {MAPPING: dump(document), REPORT: text}, document, Path(log))


def _mapping(given: dict[str, Any], drafted: Drafted, log: str | os.PathLike[str]) -> dict[str, Any]:
    """The input mapping with ``log``, ``teams``, ``systems`` and ``steps`` drafted (a string, or a
    list for an activity that became several steps)."""
    steps = {a: t[0] if len(t) == 1 else t for a, t in drafted.steps.items()}
    out = {"silomap-log": 1, **given, "log": os.fspath(log)}
    return out | {"teams": drafted.teams, "systems": drafted.systems, "steps": steps}


def _validated(files: dict[str, str], limits: Limits | None) -> Model:
    """The drafted model, loaded from its own files as a user would load it."""
    with tempfile.TemporaryDirectory() as scratch:
        write_directory(files, Path(scratch) / "model", force=False)
        return load_with_warnings(Path(scratch) / "model", limits, label="")[0]
