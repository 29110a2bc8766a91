"""The boundaries between packages: one YAML reader under every family, and packages met by name.

Every family that reads a user's YAML (models, change files, log mappings, assessments, Backstage
catalogs) reads it through ``silomap._yaml``, which imports only the foundations; and no package
imports another package's modules (``from .._metrics.score import f``): each package's
``__init__`` says what it offers (``from .._metrics import f``), as docs/contributing.md asks.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import silomap
from silomap._changes import load_changes
from silomap._maturity import load_assessment
from silomap._observed import load_mapping

SRC = Path(silomap.__file__).resolve().parent
MODULES = sorted(SRC.rglob("*.py"))
YAML_MODULES = sorted((SRC / "_yaml").glob("*.py"))
FOUNDATIONS = {"silomap._errors", "silomap._text", "silomap._config"}
# silomap's own framework, shipped in the wheel and read once with yaml.safe_load: not a user's file
OWN_YAML = {SRC / "_maturity" / "framework.py"}
_PARSING = {"load", "load_all", "safe_load", "safe_load_all", "full_load", "unsafe_load", "parse"}
_PARSING |= {"compose", "compose_all", "scan"}


def _name(path: Path, root: Path) -> list[str]:
    """The dotted name of the package a module's relative imports start from."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1]


def _imports(path: Path, root: Path) -> list[tuple[int, str, list[str]]]:
    """Every import of ``path``: its line, the module it names, absolute, and the names it takes."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = _name(path, root)[: len(_name(path, root)) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.append((node.lineno, module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, []) for alias in node.names)
    return found


@pytest.mark.parametrize("path", YAML_MODULES, ids=lambda p: p.name)
def test_the_yaml_reader_imports_only_the_foundations(path):
    assert len(YAML_MODULES) >= 5  # __init__, text, compose, reader, document
    theirs = {
        module
        for _, module, _ in _imports(path, SRC.parent)
        if module.startswith("silomap") and not module.startswith("silomap._yaml")
    }
    assert theirs <= FOUNDATIONS


def _parses_yaml(path: Path) -> list[int]:
    """Lines where a module parses YAML itself (``yaml.safe_load``, PyYAML's parser or composer)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in _PARSING:
            if isinstance(node.value, ast.Name) and node.value.id == "yaml":
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("yaml"):
            lines.append(node.lineno)
    return sorted(lines)


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if p.parent.name != "_yaml" and p not in OWN_YAML],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_only_the_yaml_reader_parses_yaml(path):
    assert _parses_yaml(path) == []


def test_the_parsing_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import yaml\nyaml.safe_dump({})\nyaml.safe_load('a: 1')\nfrom yaml._yaml import CParser\n"
    )
    assert _parses_yaml(probe) == [3, 4]
    assert _parses_yaml(SRC / "_maturity" / "framework.py") != []  # why it is the one exception


@functools.cache
def _retail_bank() -> silomap.Model:
    return silomap.load(SRC.parent.parent / "models" / "retail-bank")


def _retail(path: Path) -> object:
    return load_mapping(path, _retail_bank())


FAMILIES = {
    "a model": silomap.load,
    "a change file": load_changes,
    "a log mapping": _retail,
    "an assessment": load_assessment,
    "a Backstage catalog": lambda path: silomap.import_model("backstage", path),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_reads_yaml_through_the_one_reader(family, tmp_path, monkeypatch):
    import silomap._yaml.reader as reader

    _retail_bank()  # read before the spy: only the family's own file counts
    read, seen = reader._read, []
    monkeypatch.setattr(reader, "_read", lambda name, *args: seen.append(name) or read(name, *args))
    path = tmp_path / "dup.yaml"
    path.write_text("a: 1\na: 2\n")
    with pytest.raises(silomap.ModelError) as caught:
        FAMILIES[family](path)
    assert seen == [str(path)]
    duplicate = [p for p in caught.value.problems if p.code == "SM011"]
    assert [(p.line, p.col) for p in duplicate] == [(2, 1)]
    assert duplicate[0].message.endswith("duplicate key 'a' (first defined at line 1)")
