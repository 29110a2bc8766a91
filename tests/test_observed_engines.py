"""The engines of observed journeys (issue 25): one protocol that each engine implements, one table
of engines that ``observe(engine=)`` and the CLI's ``--engine`` read, the engine never ``Any``."""

from __future__ import annotations

import argparse
import ast
import inspect
import tomllib

import pytest

import silomap
from silomap._cli.observe import add_arguments
from silomap._observed import ENGINES, backends
from silomap._observed.duckdb_engine import DuckDB
from silomap._observed.interface import Engine

from .conftest import DATA, ROOT

SRC = ROOT / "src" / "silomap"

OBS = DATA / "observed"
MEMBERS = sorted(
    n
    for n, v in vars(Engine).items()
    if not n.startswith("_") and (callable(v) or isinstance(v, classmethod))
)


def test_the_protocol_names_what_the_engines_are_asked():
    assert sorted(["start", "progress", "execute", "rows", "batches", "stream", "open", "types",
                              "load_events", "release_events", "load_raw", "table", "frame", "copy"]) == MEMBERS  # fmt: skip
    assert "name" in Engine.__annotations__


@pytest.mark.parametrize("name", list(ENGINES))
def test_every_engine_of_the_table_implements_the_protocol(name):
    engine = ENGINES[name].engine
    assert engine.name == name and isinstance(engine.name, str)
    for member in MEMBERS:
        declared, given = getattr(Engine, member), getattr(engine, member, None)
        assert callable(given), f"{name} lacks {member}"
        assert list(inspect.signature(given).parameters) == list(inspect.signature(declared).parameters), (
            member
        )


@pytest.mark.parametrize("name", list(ENGINES))
def test_every_engine_names_an_extra_that_exists(name):
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert ENGINES[name].extra in extras


def test_the_cli_offers_the_engines_of_the_table():
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    (engine,) = [a for a in parser._actions if a.dest == "engine"]
    assert list(engine.choices) == list(ENGINES)
    assert all(name in engine.help and kind.what in engine.help for name, kind in ENGINES.items())


def test_observe_starts_the_engine_the_table_names(monkeypatch):
    started = []

    class Counted(DuckDB):
        name = "counted"

        @classmethod
        def start(cls, settings):
            started.append(settings)
            return super().start(settings)

    monkeypatch.setitem(ENGINES, "counted", backends.EngineKind(Counted, "observe", "a test"))
    seen = silomap.observe(silomap.load(OBS / "tiny-model.yaml"), OBS / "tiny.yaml", engine="counted")
    assert seen.engine == "counted" and seen.summary["cases"] == 3 and len(started) == 1
    assert started[0].memory_limit is None and started[0].progress is False
    with pytest.raises(silomap.UsageError, match="duckdb, spark, counted"):
        silomap.observe(silomap.load(OBS / "tiny-model.yaml"), OBS / "tiny.yaml", engine="nope")


def test_the_engine_is_never_any():
    """Every parameter or attribute that holds an engine is typed as the protocol."""
    loose = []
    for path in sorted((SRC / "_observed").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.arg) and node.arg == "db") or (
                isinstance(node, ast.AnnAssign)
                and (isinstance(node.target, ast.Name) and node.target.id in ("db", "_db"))
            ):
                annotation = node.annotation
                if annotation is None or "Engine" not in ast.unparse(annotation):
                    loose.append(f"{path.name}:{node.lineno}")
    assert loose == []
