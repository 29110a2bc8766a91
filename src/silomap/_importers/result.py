"""An import as the library gives it: the validated model, its report, and writing it out.

An import is validated by loading its own files before anything reaches the
user's directory; a problem found then names the element of the source file
it came from, never a generated file the user has not seen. Writing stages
the whole directory beside the target and renames it into place
(:func:`silomap._io.write_directory`).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import ModelError, Problem, UsageError
from .._io import write_directory
from .._metrics import COMPONENTS, analyze
from .._model import (
    Model,
    dump,
    load_with_warnings,
    need_limits,
    need_path,
    old_spellings,
    shown,
    split_files,
)
from .._text import md, quote_value
from .registry import IMPORTERS
from .safe_xml import read_source

__all__ = ["ImportResult", "import_model"]


@dataclass(frozen=True)
class ImportResult:
    """A model imported from another tool, already validated.

    ``files`` are the YAML files of the model directory and ``import-report.md``;
    ``report`` is that report: what was mapped, dropped, assumed and changed.

    Attributes
    ----------
    model
        The imported model, valid.
    report
        The import report (Markdown): what was mapped, dropped, assumed and changed.
    files
        Each file of the model directory, by name, with ``import-report.md``.

    Examples
    --------
    >>> import silomap
    >>> result = silomap.import_model("tests/data/bpmn/miwg_C.5.0.bpmn", "bpmn")
    >>> len(result.model.journeys), "import-report.md" in result.files
    (2, True)
    """

    model: Model
    report: str
    files: dict[str, str]

    @old_spellings(positional=("force",))
    def write(self, directory: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write the model directory and return its path.

        A non-empty directory is refused unless ``force``; then its model files
        are replaced whole, so none of an earlier import is left behind (other
        files, such as notes or a ``.git`` folder, are kept).
        """
        out = Path(directory)
        write_directory(self.files, out, force)
        return out


def _format_first(args: Sequence[Any]) -> bool:
    """Whether ``import_model`` was called in its earlier order, the format before the path: a
    path object second, or a format's name first and none second.

    >>> from pathlib import Path
    >>> _format_first(("bpmn", "p.bpmn")), _format_first(("bpmn", Path("p"))), _format_first(("p", "bpmn"))
    (True, True, False)
    """
    kind, path = args[0], args[1]
    return isinstance(path, os.PathLike) or (kind in IMPORTERS and path not in IMPORTERS)


@old_spellings(positional=("limits",), swapped=_format_first)
def import_model(path: str | os.PathLike[str], kind: str, *, limits: Limits | None = None) -> ImportResult:
    """Import a file of another tool as a silomap model: ``archimate``, ``structurizr``, ``bpmn``,
    ``backstage`` (a catalog file, or a folder) or ``calm`` (a FINOS CALM architecture).

    Parameters
    ----------
    path
        The file (for ``backstage``, a catalog file or a folder).
    kind
        Its format: ``archimate``, ``structurizr``, ``bpmn``, ``backstage`` or ``calm``.
    limits
        The budgets of the reader.

    Returns
    -------
    ImportResult
        The model, already validated, its import report and its files, to :meth:`~ImportResult.write`.

    Raises
    ------
    silomap.UsageError
        An unknown ``kind``, or an argument of another kind, naming it.
    silomap.ModelError
        The file cannot be read as that format, or gives no valid model: every problem, placed in it.

    Examples
    --------
    >>> import silomap
    >>> result = silomap.import_model("tests/data/bpmn/miwg_C.5.0.bpmn", "bpmn")
    >>> len(result.model.journeys), result.report.splitlines()[2]
    (2, 'Source: miwg\\\\_C.5.0.bpmn (BPMN)')
    """
    need_path(path)
    need_limits(limits)
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise UsageError(f"{{param}} must be one of {', '.join(IMPORTERS)}, not {kind!r}", param="kind")
    source = Path(path)
    if importer.read_tree is not None:
        builder = importer.read_tree(source, limits)
    else:
        builder = importer.read(source, read_source(source))
    head, lists = builder.rows()
    try:  # a row no file can hold, or a model too big, refused as soon as met: nothing is written
        written = {"model.yaml": (head, dump(head))} | split_files(lists, limits=limits)
    except ModelError as err:
        rows = {f"{kind}.yaml": {kind: items} for kind, items in lists.items()}
        raise ModelError([_in_source(source, rows, p, builder.where) for p in err.problems]) from None
    documents = {name: doc for name, (doc, _) in written.items()}
    files = {name: text for name, (_, text) in written.items()} | {"import-report.md": builder.report()}
    with tempfile.TemporaryDirectory() as scratch:  # the result must validate before it is written
        write_directory(files, Path(scratch) / "model", force=False)
        try:
            model = load_with_warnings(Path(scratch) / "model", limits, label="")[0]
        except ModelError as err:
            raise ModelError(
                [_in_source(source, documents, p, builder.where) for p in err.problems]
            ) from None
    files["import-report.md"] = files["import-report.md"].rstrip("\n") + "\n\n" + completeness_section(model)
    return ImportResult(model, files["import-report.md"], files)


def completeness_section(model: Model) -> str:
    """The import report's last section: what the imported model leaves to defaults, and the
    figures it cannot measure at all, as ``silomap score`` says them beside the score."""
    found = analyze(model).completeness
    rows = [f"- {md(g.text, prose=True)}{_first(g.ids)}" for g in found.gaps if g.ids]
    labels = {row.id: row.label for row in COMPONENTS}
    missing = ", ".join(labels[name] for name in found.not_measured)
    rows.append(f"- not measured: {missing}" if missing else "- every component of the score is measured")
    head = "Fill these in before reading the figures: each rests on a default."
    return "\n".join(["## Completeness", "", head, "", *rows, ""])


def _first(ids: tuple[str, ...], shown: int = 5) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ": " + ", ".join(md(i, prose=True) for i in ids[:shown]) + more


_STEP = re.compile(r"\.?([^.\[]+)|\[(\d+)\]")


def _in_source(
    source: Path,
    documents: dict[str, Any],
    problem: Problem,
    where: Callable[[str], tuple[int, int] | None] = lambda key: None,
) -> Problem:
    """Place a problem of a generated file at the element of the source file it came from: at its
    line and column where the importer knows them (``where``), else in the file."""
    node: Any = documents.get(problem.file)
    element, name = "", ""
    for match in _STEP.finditer(problem.path):
        key, index = match.group(1), match.group(2)
        try:
            node = node[int(index)] if index is not None else node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "source_id" in node:
            element, name = str(node["source_id"]), str(node.get("name", ""))
    where_said = f"element {quote_value(element, 80)[1:-1]} {quote_value(name, 60)}: " if element else ""
    field = problem.path.rsplit(".", 1)[-1] if problem.path and not problem.path.endswith("]") else ""
    what = f"{field}: " if field and where_said else ""
    line, col = (where(element) if element else None) or (0, 0)
    if (line, col) == (0, 0) and problem.code == "SM002":  # a budget of the whole import: the file
        line, col = 1, 1
    return Problem(
        shown(source), line, col, problem.code, f"{where_said}{what}{problem.message}", "", problem.severity
    )
