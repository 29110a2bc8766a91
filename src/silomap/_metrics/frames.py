"""Tables as DataFrames in the user's library: pandas, polars or pyarrow, each built from one
description of a table's columns and their types.

A table is rows (dicts) and a :data:`Schema`: each column's name and type, one of :data:`TYPES`.
Every backend is built from the same columns and the same types (:data:`BACKENDS`: the module, the
install line and the type each backend gives), so a cell is the same value whichever library holds
it. A missing value (not measured) is a null in every backend: ``None`` (pandas: ``NaN`` or ``NA``),
never 0. None of the three is a dependency of silomap: a missing one is a :class:`ToolError` naming
the ``pip install`` that brings it (SM044).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._errors import ToolError, UsageError
from .._suggest import did_you_mean

__all__ = ["BACKENDS", "TYPES", "Schema", "build_frames", "frame_of", "from_pandas", "need_backend"]

Row = Mapping[str, Any]
Schema = tuple[tuple[str, str], ...]  # (column, type) in order
TYPES = ("text", "integer", "number", "boolean", "time")


def _columns(rows: Iterable[Row | Sequence[Any]], schema: Schema) -> dict[str, list[Any]]:
    """The rows' values column by column: a row is a mapping by name or a tuple in ``schema``'s order."""
    names = [name for name, _ in schema]
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for row in rows:
        values = [row.get(n) for n in names] if isinstance(row, Mapping) else row
        for name, value in zip(names, values, strict=True):
            columns[name].append(value)
    return columns


def _pandas_dtype(kind: str, gaps: bool) -> str | None:
    """The pandas dtype of a column of type ``kind``, with null cells or not (``gaps``); ``None`` for
    text (pandas' own string type)."""
    return {
        "integer": "Int64" if gaps else "int64",
        "number": "float64",
        "boolean": "boolean" if gaps else "bool",
        "time": "datetime64[us]",
    }.get(kind)


def _pandas(module: Any, columns: dict[str, list[Any]], schema: Schema) -> Any:
    def series(values: list[Any], kind: str) -> Any:
        dtype = _pandas_dtype(kind, any(v is None for v in values))
        return module.Series(values, dtype=dtype if dtype or values else object)

    return module.DataFrame({name: series(columns[name], kind) for name, kind in schema})


_POLARS = {
    "text": "String",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "Boolean",
    "time": "Datetime",
}
_ARROW = {"text": "string", "integer": "int64", "number": "float64", "boolean": "bool_"}


def _polars(module: Any, columns: dict[str, list[Any]], schema: Schema) -> Any:
    types = {name: getattr(module, _POLARS[kind]) for name, kind in schema}
    types = {name: module.Datetime("us") if kind == "time" else types[name] for name, kind in schema}
    return module.DataFrame(columns, schema=types, strict=False)


def _arrow_schema(module: Any, schema: Schema) -> Any:
    def arrow_type(kind: str) -> Any:
        return module.timestamp("us") if kind == "time" else getattr(module, _ARROW[kind])()

    return module.schema([(name, arrow_type(kind)) for name, kind in schema])


def _pyarrow(module: Any, columns: dict[str, list[Any]], schema: Schema) -> Any:
    return module.table(columns, schema=_arrow_schema(module, schema))


@dataclass(frozen=True)
class Backend:
    """A DataFrame library: its module, what installs it, and how a table is built in it."""

    module: str
    install: str
    build: Callable[[Any, dict[str, list[Any]], Schema], Any]


BACKENDS: dict[str, Backend] = {
    "pandas": Backend("pandas", "pip install 'silomap[pandas]'", _pandas),
    "polars": Backend("polars", "pip install polars", _polars),
    "pyarrow": Backend("pyarrow", "pip install pyarrow", _pyarrow),
}


def need_backend(backend: object) -> Any:
    """The backend's module, imported: a :class:`UsageError` (``backend=``) for an unknown name, a
    :class:`ToolError` naming the ``pip install`` for a library that is not installed.

    >>> need_backend("pyarrow").__name__
    'pyarrow'
    >>> need_backend("spark")
    Traceback (most recent call last):
    ...
    silomap.UsageError: backend= must be one of pandas, polars, pyarrow, not 'spark'
    """
    if not isinstance(backend, str) or backend not in BACKENDS:
        hint = did_you_mean(backend, BACKENDS) if isinstance(backend, str) else ""
        raise UsageError(
            f"{{param}} must be one of {', '.join(BACKENDS)}, not {backend!r}{hint}", param="backend"
        )
    chosen = BACKENDS[backend]
    try:
        return importlib.import_module(chosen.module)
    except ImportError:
        raise ToolError(f"DataFrames need {chosen.module}: {chosen.install}", code="SM044") from None


def frame_of(rows: Iterable[Row | Sequence[Any]], schema: Schema, backend: str = "pandas") -> Any:
    """One table as a DataFrame of ``backend``: its columns in ``schema``'s order and types; a row is
    a mapping by column name or a tuple in ``schema``'s order.

    >>> t = frame_of([{"id": "a", "n": 2}, {"id": "b", "n": None}], (("id", "text"), ("n", "integer")),
    ...              backend="pyarrow")
    >>> t.column("n").to_pylist(), str(t.schema.field("n").type)
    ([2, None], 'int64')
    """
    module = need_backend(backend)
    return BACKENDS[backend].build(module, _columns(rows, schema), schema)


def _typed_pandas(frame: Any, schema: Schema) -> Any:
    """``frame`` with each column of ``schema`` in the dtype :func:`frame_of` gives it: an engine's
    own (DuckDB's or Spark's ``toPandas``, which leaves a column with nulls as ``object``) does not
    decide."""
    types = {}
    for name, kind in schema:
        dtype = _pandas_dtype(kind, bool(frame[name].isna().any()))
        if dtype is not None and str(frame[name].dtype) != dtype:
            types[name] = dtype
    return frame.astype(types) if types else frame


def from_pandas(frame: Any, schema: Schema, backend: str = "pandas") -> Any:
    """A pandas DataFrame (an engine's result, with ``schema``'s columns) in ``backend``, typed by
    ``schema``: cast column by column for pandas, through a pyarrow table for pyarrow and polars.

    >>> import pandas
    >>> t = from_pandas(pandas.DataFrame({"n": [1.0, None]}), (("n", "integer"),), backend="pyarrow")
    >>> t.column("n").to_pylist(), str(t.schema.field("n").type)
    ([1, None], 'int64')
    >>> str(from_pandas(pandas.DataFrame({"b": [True, None]}, dtype=object), (("b", "boolean"),))["b"].dtype)
    'boolean'
    """
    module = need_backend(backend)
    if backend == "pandas":
        return _typed_pandas(frame, schema)
    arrow = need_backend("pyarrow")
    table = arrow.Table.from_pandas(frame, preserve_index=False).cast(_arrow_schema(arrow, schema))
    return table if backend == "pyarrow" else module.from_arrow(table)


def build_frames(
    tables: Mapping[str, Sequence[Row]], schemas: Mapping[str, Schema], backend: str = "pandas"
) -> dict[str, Any]:
    """Tables of rows as DataFrames of ``backend``, by name; an empty table keeps its columns.

    >>> f = build_frames({"t": []}, {"t": (("id", "text"),)}, backend="pyarrow")
    >>> f["t"].num_rows, f["t"].column_names
    (0, ['id'])
    """
    module = need_backend(backend)
    build = BACKENDS[backend].build
    return {
        name: build(module, _columns(rows, schemas[name]), schemas[name]) for name, rows in tables.items()
    }
