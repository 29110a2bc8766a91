"""Load a model: files -> checked YAML documents -> validated parts -> one frozen Model.

Everything that can be wrong with a model is found here and reported at
once, with positions; the rest of silomap receives a clean :class:`Model`.
"""

from __future__ import annotations

import gc
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from .._config import Limits, mib
from .._errors import ModelError, Problem
from .._text import quote_value
from .._yaml import Document, read_document
from .arguments import need_limits, need_path
from .files import discover, read_bytes, shown
from .hints import folder_hint
from .messages import problems_from_pydantic
from .rules import LIST_KINDS, Declared, Part, check_parts, model_warnings
from .schema import Model, ModelPart
from .spellings import old_spellings
from .validate import known_valid

__all__ = ["OTHER_FILES", "SilomapWarning", "load", "load_with_warnings", "read_yaml_file"]

_TOP = "silomap, name, teams, entities, systems, integrations, questions, journeys"


ASSESSMENT_KEY = "silomap-assessment"  # the first key of an assessment file (maturity.md)
# silomap's other files, by their first key: what each is, and the command that reads it
OTHER_FILES = {
    ASSESSMENT_KEY: ("an assessment file", "silomap assess MODEL THIS-FILE"),
    "silomap-changes": ("a change file", "silomap whatif MODEL THIS-FILE"),
    "silomap-log": ("a log mapping", "silomap observe MODEL THIS-FILE"),
    "silomap-rates": ("a rates file", "silomap cost MODEL THIS-FILE"),
}


class SilomapWarning(UserWarning):
    """A problem in a model that does not stop it from loading.

    Parameters
    ----------
    message
        The problem, as :class:`Problem` prints it.

    Examples
    --------
    >>> issubclass(SilomapWarning, UserWarning)
    True
    """


def _parse(
    source_name: str, data: bytes, limits: Limits, alone: bool, model: bool = True
) -> tuple[Document | None, list[Problem]]:
    doc, problems = read_document(source_name, data, limits)
    if doc is None:
        return None, problems
    if doc.data is None:
        if alone:
            problems.append(Problem(source_name, 1, 1, "SM016", "the file declares nothing"))
        else:
            problems.append(
                Problem(source_name, 1, 1, "SM090", "the file declares nothing", severity="warning")
            )
        return None, problems
    if not isinstance(doc.data, dict):
        message = f"top level must be a mapping with keys such as {_TOP}"
        problems.append(Problem(source_name, 1, 1, "SM016", message))
        return None, problems
    other = next((key for key in OTHER_FILES if key in doc.data), None)
    if model and other is not None and "silomap" not in doc.data:
        # an assessment, a change file, a log mapping or rates kept beside the model: not part of it
        if alone:
            what, use = OTHER_FILES[other]
            problems.append(Problem(source_name, 1, 1, "SM016", f"this is {what}, not a model: use {use}"))
        return None, problems
    return doc, problems


def _merge(parts: list[Part], problems: list[Problem]) -> Model | None:
    heads: dict[str, tuple[object, Document]] = {}
    for part in parts:
        doc = part.doc
        for key in ("silomap", "name"):
            value = getattr(part.top, key)
            if value is None:
                continue
            if key in heads and heads[key][0] != value:
                first_value, first_doc = heads[key]
                line, col = first_doc.locate((key,))
                message = (
                    f"'{key}' is {quote_value(value)} here but {quote_value(first_value)} "
                    f"in {first_doc.name}:{line}:{col}; the files of one model must agree"
                )
                problems.append(doc.problem((key,), "SM037", message))
            heads.setdefault(key, (value, doc))
    first = parts[0].doc if parts else None
    for key in ("silomap", "name"):
        # a key that is there but invalid has its own error already: "missing" would contradict it
        present = any(key in part.doc.data for part in parts)
        if key not in heads and first is not None and not present:
            where = "in one of the model's files" if len(parts) > 1 else ""
            problems.append(first.problem((), "SM021", f"missing required field '{key}' {where}".strip()))
    if any(p.severity == "error" for p in problems) or not parts:
        return None
    return Model(
        silomap=heads["silomap"][0],
        name=heads["name"][0],
        description=next((p.top.description for p in parts if p.top.description), None),
        scoring=next((p.top.scoring for p in parts if p.top.scoring is not None), None),
        kpis=next((p.top.kpis for p in parts if p.top.kpis is not None), None),
        **{kind: tuple(item for p in parts for _, item in p.items[kind]) for kind in LIST_KINDS},
    )


def _validate(doc: Document, declared: Declared) -> tuple[Part, list[Problem]]:
    """Validate one document, each list item on its own so that one bad item
    does not hide the problems of the others."""
    data = doc.data
    head = {k: v for k, v in data.items() if k not in LIST_KINDS or not isinstance(v, list)}
    problems: list[Problem] = []
    try:
        top = ModelPart.model_validate(head)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems.extend(problems_from_pydantic(doc, errors))
        bad = {error["loc"][0] for error in errors if error["loc"]}
        try:  # keep the head fields that are fine, so no "missing" error follows
            top = ModelPart.model_validate({k: v for k, v in head.items() if k not in bad})
        except ValidationError:  # pragma: no cover - only reachable through a pydantic change
            top = ModelPart()
    part = Part(doc, top)
    for kind, cls in LIST_KINDS.items():
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for i, raw in enumerate(items):
            try:
                part.items[kind].append((i, cls.model_validate(raw)))
            except ValidationError as exc:
                errors = exc.errors(include_url=False)
                for error in errors:
                    error["loc"] = (kind, i, *error["loc"])
                problems.extend(problems_from_pydantic(doc, errors))
                declared.add_raw(doc, kind, i, raw)
    return part, problems


def load_with_warnings(
    path: str | os.PathLike[str], limits: Limits | None = None, *, label: str | None = None
) -> tuple[Model, list[Problem]]:
    """Load a model and return it with its warnings; raise :class:`ModelError` if invalid.

    Problems name their files from ``path`` as it was given (``acme/systems.yaml`` for ``acme``),
    or from ``label`` where the path is not the one to show (a model read from git).
    """
    with _cycle_collection_paused():
        return _load(Path(path), limits or Limits(), label)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a model is built, as it was before afterwards.

    Loading makes millions of objects and no garbage, but each collection walks every object made so
    far: with it running, 450,000 problems took 40 % longer to find. Reference counting still frees
    what is dropped.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load(path: Path, limits: Limits, label: str | None) -> tuple[Model, list[Problem]]:
    files, problems = discover(path, limits, label)
    parts: list[Part] = []
    declared = Declared()
    total = 0
    for source in files:
        data, problem = read_bytes(source, limits)
        if problem is not None or data is None:
            problems.append(problem or Problem(source.name, 1, 1, "SM003", "cannot read"))
            continue
        total += len(data)
        if total > limits.total_bytes:
            message = f"the model exceeds {mib(limits.total_bytes)} MiB in all"
            problems.append(Problem(source.name, 1, 1, "SM002", message))
            break
        doc, found = _parse(source.name, data, limits, alone=len(files) == 1)
        problems.extend(found)
        if doc is None:
            continue
        part, found = _validate(doc, declared)
        problems.extend(found)
        parts.append(part)
    problems.extend(check_parts(parts, declared))
    problems.extend(model_warnings(parts))
    if files and not parts and not any(p.severity == "error" for p in problems):
        # every file was empty: warnings alone must not end in "0 errors"
        problems.append(Problem(files[0].name, 1, 1, "SM016", "the model declares nothing"))
    model = _merge(parts, problems)
    if model is None:
        raise ModelError(problems, hint=folder_hint(path, files, problems))
    return known_valid(model), [p for p in problems if p.severity == "warning"]


def read_yaml_file(path: str | os.PathLike[str], limits: Limits | None = None) -> Document:
    """One YAML file (a change file, say) read by the same hardened reader as a model:
    its mapping and positions, or :class:`ModelError` with every problem."""
    limits = limits or Limits()
    files, problems = discover(Path(path), limits, model=False)
    if problems or len(files) != 1:
        raise ModelError(problems or [Problem(shown(path), 1, 1, "SM003", "not a single YAML file")])
    data, problem = read_bytes(files[0], limits)
    if problem is not None or data is None:
        raise ModelError([problem or Problem(files[0].name, 1, 1, "SM003", "cannot read")])
    doc, problems = _parse(files[0].name, data, limits, alone=True, model=False)
    if doc is None or any(p.severity == "error" for p in problems):
        raise ModelError(problems)
    return doc


@old_spellings(positional=("limits",))
def load(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Model:
    """Load and validate a model from a YAML file or a directory of YAML files.

    Raises :class:`silomap.ModelError` carrying every problem found, each
    with its file, line, column and path; warnings are issued as
    :class:`SilomapWarning`. A problem's ``file`` starts with ``path`` as
    given: ``load("acme")`` names ``acme/systems.yaml``, an absolute path
    absolute files, ``"-"`` (standard input) ``<stdin>``.

    Parameters
    ----------
    path
        A YAML file, a directory of them, or ``"-"`` for standard input.
    limits
        The budgets of the reader (files, bytes, nesting); default :class:`silomap.Limits`.

    Returns
    -------
    Model
        The model, valid by every rule.

    Raises
    ------
    silomap.UsageError
        ``path`` or ``limits`` is of another kind, naming it.
    silomap.ModelError
        Every problem found, located.

    Examples
    --------
    >>> model = load("models/retail-bank")
    >>> model.name
    'Northwind Retail Bank'
    """
    need_path(path)
    need_limits(limits)
    model, found = load_with_warnings(path, limits)
    for warning in found:
        warnings.warn(str(warning), SilomapWarning, stacklevel=2)
    return model
