"""An import as the library gives it: the validated model, its report, and writing it out.

An import is validated by loading its own files before anything reaches the
user's directory; writing refuses a non-empty directory unless forced.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .._config import Limits
from .._errors import UsageError
from .._io import refuse_symlink, write_atomic
from .._model import Model, load_with_warnings
from .._text import safe_text
from .registry import IMPORTERS
from .safe_xml import read_source

__all__ = ["ImportResult", "import_model", "write_model"]


@dataclass(frozen=True)
class ImportResult:
    """A model imported from another tool, already validated.

    ``files`` are the YAML files of the model directory and ``import-report.md``;
    ``report`` is that report: what was mapped, dropped and assumed.
    """

    model: Model
    report: str
    files: dict[str, str]

    def write(self, directory: str | os.PathLike[str], force: bool = False) -> Path:
        """Write the model directory (refusing a non-empty one unless ``force``) and return its path."""
        out = Path(directory)
        write_model(self.files, out, force)
        return out


def import_model(kind: str, path: str | os.PathLike[str], limits: Limits | None = None) -> ImportResult:
    """Import a file of another tool as a silomap model: ``archimate``, ``structurizr`` or ``bpmn``.

    >>> import silomap
    >>> result = silomap.import_model("bpmn", "tests/data/bpmn/miwg_C.5.0.bpmn")
    >>> len(result.model.journeys), result.report.splitlines()[0]
    (2, '# Import report: miwg_C.5.0')
    """
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise UsageError(f"{{param}} must be one of {', '.join(IMPORTERS)}, not {kind!r}", param="kind")
    source = Path(path)
    files = importer.read(source, read_source(source)).files()
    with tempfile.TemporaryDirectory() as scratch:  # the result must validate before it is written
        write_model(files, Path(scratch) / "model", force=False)
        model = load_with_warnings(Path(scratch) / "model", limits)[0]
    return ImportResult(model, files["import-report.md"], files)


def write_model(files: dict[str, str], out: Path, force: bool) -> None:
    """Write the files into ``out``; refuse a non-empty directory unless ``force``."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{safe_text(str(out))} exists and is not a directory", code="SM050")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(
            f"{safe_text(str(out))} is not empty; use {{param}} to overwrite its files",
            code="SM050",
            param="force",
        )
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = out / name
        refuse_symlink(target)
        write_atomic(target, text.encode("utf-8"))
