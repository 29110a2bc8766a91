"""The dialect layer: DuckDB's SQL as Spark runs it. Each statement is transpiled with sqlglot, and
the few spellings sqlglot leaves to the engine fixed: ``try_strptime`` (Spark: ``try_to_timestamp``
with a Java pattern), ``epoch_us`` (Spark: ``unix_micros``), a list comprehension (Spark:
``transform``), and tables made by a query and ``MATERIALIZED`` common tables (Spark: cached
temporary views, made by :mod:`.spark_engine`). A file's name is escaped as Hadoop reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["CREATE_VIEW", "hadoop_path", "materialized", "to_spark"]


def hadoop_path(file: Path) -> str:
    r"""A file's name as Spark reads it exactly: Hadoop takes ``*?[]{}`` as a pattern, ``\`` escapes.

    >>> print(hadoop_path(Path("logs/a[1]{x}.csv")))
    logs/a\[1\]\{x\}.csv
    """
    return re.sub(r"([*?\[\]{}\\])", r"\\\1", str(file))


def materialized(sql: str) -> tuple[list[tuple[str, str]], str]:
    """The ``MATERIALIZED`` common tables of a statement (name, query), and the statement without them.

    >>> materialized("CREATE TABLE t AS WITH s AS MATERIALIZED (SELECT 1 AS a) SELECT a FROM s")
    ([('s', 'SELECT 1 AS a')], 'CREATE TABLE t AS SELECT a FROM s')
    """
    if " AS MATERIALIZED (" not in sql:
        return [], sql
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    shared: list[tuple[str, str]] = []
    for found in tree.find_all(exp.With):
        kept = [cte for cte in found.expressions if not cte.args.get("materialized")]
        shared += [(c.alias, c.this.sql("duckdb")) for c in found.expressions if c.args.get("materialized")]
        if kept:
            found.set("expressions", kept)
        else:
            found.pop()
    return shared, tree.sql("duckdb")


CREATE_VIEW = re.compile(r"^\s*CREATE TEMPORARY VIEW (\w+) AS", re.IGNORECASE)
# sqlglot writes DuckDB's ``[x & 31 FOR x IN l]`` as ``ARRAY(x & 31 FOR x IN l)``, which Spark lacks
_COMPREHENSION = re.compile(r"ARRAY\((\w+) & (\d+) FOR \1 IN (\w+)\)")


def to_spark(sql: str) -> str:
    """A statement in DuckDB's dialect as Spark SQL.

    >>> to_spark("SELECT [x & 31 FOR x IN t_tail] FROM v")
    'SELECT TRANSFORM(t_tail, x -> x & 31) FROM v'
    """
    import sqlglot

    prepared = sql.replace("try_strptime(", "strptime(")
    out: str = sqlglot.parse_one(prepared, read="duckdb").sql("spark").replace("EPOCH_US(", "UNIX_MICROS(")
    out = _COMPREHENSION.sub(r"TRANSFORM(\3, \1 -> \1 & \2)", out)  # a list comprehension
    return out.replace("TO_TIMESTAMP(", "TRY_TO_TIMESTAMP(") if "try_strptime(" in sql else out
