"""An import as the library gives it: the validated model, its report, and writing it out.

An import is validated by loading its own files before anything reaches the
user's directory; a problem found then names the element of the source file
it came from, never a generated file the user has not seen. Writing stages
the whole directory beside the target and renames it into place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import ModelError, Problem, ToolError, UsageError
from .._io import refuse_symlink
from .._model import Model, load_with_warnings
from .._text import quote_value, safe_text
from .output import dump
from .registry import IMPORTERS
from .safe_xml import read_source

__all__ = ["ImportResult", "existing_files", "import_model", "write_model"]


@dataclass(frozen=True)
class ImportResult:
    """A model imported from another tool, already validated.

    ``files`` are the YAML files of the model directory and ``import-report.md``;
    ``report`` is that report: what was mapped, dropped, assumed and changed.
    """

    model: Model
    report: str
    files: dict[str, str]

    def write(self, directory: str | os.PathLike[str], force: bool = False) -> Path:
        """Write the model directory and return its path.

        A non-empty directory is refused unless ``force``; then its model files
        are replaced whole, so none of an earlier import is left behind (other
        files, such as notes or a ``.git`` folder, are kept).
        """
        out = Path(directory)
        write_model(self.files, out, force)
        return out


def import_model(kind: str, path: str | os.PathLike[str], limits: Limits | None = None) -> ImportResult:
    """Import a file of another tool as a silomap model: ``archimate``, ``structurizr`` or ``bpmn``.

    >>> import silomap
    >>> result = silomap.import_model("bpmn", "tests/data/bpmn/miwg_C.5.0.bpmn")
    >>> len(result.model.journeys), result.report.splitlines()[2]
    (2, 'Source: miwg\\\\_C.5.0.bpmn (BPMN)')
    """
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise UsageError(f"{{param}} must be one of {', '.join(IMPORTERS)}, not {kind!r}", param="kind")
    source = Path(path)
    builder = importer.read(source, read_source(source))
    documents = builder.documents()
    files = {name: dump(doc) for name, doc in documents.items()} | {"import-report.md": builder.report()}
    with tempfile.TemporaryDirectory() as scratch:  # the result must validate before it is written
        write_model(files, Path(scratch) / "model", force=False)
        try:
            model = load_with_warnings(Path(scratch) / "model", limits)[0]
        except ModelError as err:
            raise ModelError([_in_source(source, documents, p) for p in err.problems]) from None
    return ImportResult(model, files["import-report.md"], files)


_STEP = re.compile(r"\.?([^.\[]+)|\[(\d+)\]")


def _in_source(source: Path, documents: dict[str, Any], problem: Problem) -> Problem:
    """Place a problem of a generated file at the element of the source file it came from."""
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
    where = f"element {quote_value(element, 80)[1:-1]} {quote_value(name, 60)}: " if element else ""
    field = problem.path.rsplit(".", 1)[-1] if problem.path else ""
    what = f"{field}: " if field and where else ""
    return Problem(source.name, 0, 0, problem.code, f"{where}{what}{problem.message}", "", problem.severity)


def _is_model_file(relative: str) -> bool:
    """Whether silomap would read this file of a model directory (a visible ``*.yaml``/``*.yml``)."""
    return relative.endswith((".yaml", ".yml")) and not any(
        part.startswith(".") for part in relative.split("/")
    )


def existing_files(out: Path) -> list[str]:
    """The model files in ``out`` (relative, sorted): writing there with ``force`` replaces them.

    Other files (notes, a ``.git`` folder) are kept.
    """
    if not out.is_dir() or out.is_symlink():
        return []
    return sorted(r for r in (p.relative_to(out).as_posix() for p in out.rglob("*") if not p.is_dir())
                  if _is_model_file(r) or r == "import-report.md")  # fmt: skip


def write_model(files: dict[str, str], out: Path, force: bool) -> None:
    """Write ``files`` as the directory ``out``, whole: staged beside it, then renamed into place."""
    refuse_symlink(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{safe_text(str(out))} exists and is not a directory", code="SM050")
    parent = out.absolute().parent
    if not parent.is_dir():
        raise UsageError(f"cannot write {safe_text(str(out))}: {safe_text(str(parent))} is not a directory",
                         code="SM050")  # fmt: skip
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(
            f"{safe_text(str(out))} is not empty; use {{param}} to overwrite its files",
            code="SM050",
            param="force",
        )
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise ToolError(f"cannot write {safe_text(str(out))}: {exc.strerror}", code="SM051") from None
    try:
        _fill(stage, files)
        if out.is_dir():
            _keep_others(out, stage)
        _swap(stage, out)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise ToolError(f"cannot write {safe_text(str(out))}: {exc.strerror}", code="SM051") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _fill(stage: Path, files: dict[str, str]) -> None:
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(stage, 0o777 & ~mask)  # mkdtemp makes 0700; give the directory the usual mode
    for name, text in files.items():
        target = stage / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:  # a fresh folder: nothing to follow, nothing to overwrite
            handle.write(text.encode("utf-8"))


def _keep_others(out: Path, stage: Path) -> None:
    """Link the files of ``out`` that are not part of a model into the staged directory."""
    for folder, dirs, names in os.walk(out):
        for name in names:
            source = Path(folder) / name
            relative = source.relative_to(out).as_posix()
            target = stage / relative
            if _is_model_file(relative) or relative == "import-report.md" or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target, follow_symlinks=False)
        dirs.sort()


def _swap(stage: Path, out: Path) -> None:
    """Put the staged directory at ``out``; an earlier one is moved aside first and removed after."""
    if not out.exists():
        os.rename(stage, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.absolute().parent))
    os.rename(out, aside / "model")
    try:
        os.rename(stage, out)
    except OSError:
        os.rename(aside / "model", out)  # put the earlier one back
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)
