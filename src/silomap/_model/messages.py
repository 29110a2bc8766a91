"""Turn pydantic's validation errors into problems a person can act on.

pydantic reports a ``loc`` such as ``("systems", 1, "ownr")``; this module
places it in the YAML document, picks a stable code, says what was expected
and what was found, and suggests the near-miss ("did you mean 'owner'?").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .._errors import Problem
from .._suggest import did_you_mean, lookalikes, skeleton
from .._text import quote_value, safe_text
from .._yaml import Document, format_path
from .base import ID_PATTERN, Extensible
from .schema import ModelPart

__all__ = ["model_at", "problems_from_pydantic"]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside a field's type (``Team``, ``tuple[Step, ...]``, ``Scoring | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def model_at(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel]:
    """The model a document path leads to (list indexes skipped), or the deepest one found.

    >>> from silomap import ModelPart
    >>> model_at(ModelPart, ("journeys", 2, "steps", 0)).__name__
    'Step'
    """
    model = root
    for step in path:
        if isinstance(step, int):
            continue
        field = next((f for name, f in model.model_fields.items() if (f.alias or name) == step), None)
        inner = _inner_model(field.annotation) if field is not None else None
        if inner is None:
            break
        model = inner
    return model


_EXPECTED = {
    "string_type": "a string",
    "float_type": "a number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "int_parsing": "a whole number",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "bool_type": "true or false",
    "finite_number": "a finite number",
}


def _fields(model: type[BaseModel]) -> list[str]:
    names = [info.alias or name for name, info in model.model_fields.items() if name != "tags"]
    return [*names, "tags"] if "tags" in model.model_fields else names


def _a(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover - YAML gives no other types


def _unusual(key: str) -> str:
    notes = []
    for char in key:
        if unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp"):
            notes.append(f"contains invisible U+{ord(char):04X}")
        elif not char.isascii():
            notes.append(f"non-ASCII U+{ord(char):04X} '{char}'")
    return f" ({', '.join(notes[:2])})" if notes else ""


def _unknown_field(doc: Document, loc: tuple[str | int, ...], root: type[BaseModel]) -> Problem:
    parent = loc[:-1]
    model = model_at(root, parent)
    key = str(loc[-1])
    where = f" in {format_path(parent)}" if parent else ""
    extensible = " or a key starting with x-" if issubclass(model, Extensible) else ""
    if extensible and key[:2].lower() in ("x_", "x-") and not key.startswith("x-"):
        extensible += f" (extension keys start with lower-case 'x-': {quote_value('x-' + key[2:])})"
    hint = did_you_mean(key, _fields(model)) or f"; expected one of: {', '.join(_fields(model))}{extensible}"
    return doc.problem(
        loc, "SM020", f"unknown field {quote_value(key)}{_unusual(key)}{where}{hint}", key=True
    )


def _wrong_type(doc: Document, loc: tuple[str | int, ...], expected: str, value: Any) -> Problem:
    message = f"expected {expected}, got {_a(value)}"
    raw = doc.raw(loc)
    if raw is not None and expected == "a string":
        message += (
            f": unquoted `{safe_text(raw)}` was read as {_a(value)} ({quote_value(value)}); put it in quotes"
        )
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        message += f" ({quote_value(value)})"
    return doc.problem(loc, "SM022", message)


_TOO_SHORT = {
    "steps": ("SM036", "a journey needs at least one step"),
    "carries": ("SM033", "an integration must carry at least one entity"),
    "needs": ("SM022", "a question needs at least one entity"),
}
_BAD_ID = (
    "is not a valid id: use lower-case letters a-z, digits, "
    "'.', '_' or '-', starting with a letter or digit (pattern ^[a-z0-9][a-z0-9._-]*$)"
)


def _bad_id(value: Any) -> str:
    """Say why an id is not one; a look-alike letter (Cyrillic U+0441 for 'c') is named."""
    if isinstance(value, str) and lookalikes(value) and re.fullmatch(ID_PATTERN, skeleton(value)):
        return f"{quote_value(value)} {lookalikes(value)}; did you mean '{skeleton(value)}'?"
    note = f" ({lookalikes(value)})" if isinstance(value, str) and lookalikes(value) else ""
    return f"{quote_value(value)} {_BAD_ID}{note}"


def _one(doc: Document, error: ErrorDetails, root: type[BaseModel]) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return _unknown_field(doc, loc, root)
    if kind == "missing":
        return doc.problem(loc[:-1], "SM021", f"missing required field '{field}'")
    if kind == "unsupported_version":
        return doc.problem(loc, "SM025", error["msg"])
    if kind == "string_pattern_mismatch":
        return doc.problem(loc, "SM023", _bad_id(value))
    if kind == "string_too_short":
        return doc.problem(loc, "SM023", f"{format_path(loc)} must not be empty")
    if kind == "string_too_long":
        message = f"{format_path(loc)} longer than {ctx.get('max_length'):,} characters ({len(value):,})"
        return doc.problem(loc, "SM023", message)
    if kind == "too_short":
        code, message = _TOO_SHORT.get(str(field), ("SM022", "must not be empty"))
        return doc.problem(loc, code, message)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return doc.problem(
            loc, "SM022", f"expected one of {', '.join(choices)}; got {quote_value(value)}{hint}"
        )
    if kind == "less_than_equal":
        return doc.problem(loc, "SM022", f"must be at most {ctx.get('le'):,.0f}; got {quote_value(value)}")
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        word = "greater than" if kind == "greater_than" else "at least"
        return doc.problem(loc, "SM022", f"must be {word} {bound:g}; got {quote_value(value)}")
    if kind.startswith("date_"):  # date_parsing, date_from_datetime_parsing, date_type...
        return doc.problem(loc, "SM022", f"expected a date (YYYY-MM-DD); got {quote_value(value)}")
    if kind in ("kpi_range", "kpi_type", "rates_value"):
        return doc.problem(loc, "SM022", safe_text(error["msg"]))
    expected = _EXPECTED.get(kind)
    if expected is not None:
        return _wrong_type(doc, loc, expected, value)
    return doc.problem(loc, "SM022", safe_text(error["msg"]))  # pragma: no cover - safety net


def problems_from_pydantic(
    doc: Document, errors: list[ErrorDetails], root: type[BaseModel] = ModelPart
) -> list[Problem]:
    """Map pydantic errors of one document (validated as ``root``) to problems, dropping those
    under a path the YAML reader already reported (a rejected tag, a duplicate key)."""
    out: list[Problem] = []
    for error in errors:
        loc = tuple(error["loc"])
        if any(loc[: len(p)] == p for p in doc.poisoned):
            continue
        if error["type"] == "too_short" and any(
            len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors
        ):
            continue  # the list is short only because its items failed: those errors say why
        out.append(_one(doc, error, root))
    return out
