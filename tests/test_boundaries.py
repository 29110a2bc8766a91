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

from .conftest import MODELS

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


def _exports(package: Path) -> set[str]:
    """The names a package's ``__init__`` lists in ``__all__``."""
    for node in ast.parse((package / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def _is_module(package: Path, name: str) -> bool:
    return (package / f"{name}.py").is_file() or (package / name / "__init__.py").is_file()


def cross_package_imports(root: Path) -> list[str]:
    """Each import of another package's module under ``root`` (the folder holding ``silomap``), as
    ``file:line: what it imports``. A module of its own package, a top-level module (``_errors``)
    and a name its package exports (``from .._model import graph``, the function) are fine."""
    top = root / "silomap"
    found = []
    for path in sorted(top.rglob("*.py")):
        own = path.relative_to(top).parts[0] if path.parent != top else None
        for line, module, names in _imports(path, root):
            parts = module.split(".")
            if parts[0] != "silomap" or len(parts) < 2 or parts[1] == own:
                continue
            package = top / parts[1]
            if not (package / "__init__.py").is_file():
                continue
            if len(parts) > 2:
                reached = [module]
            else:
                exported = _exports(package)
                reached = [f"{module}.{n}" for n in names if _is_module(package, n) and n not in exported]
            where = path.relative_to(root).as_posix()
            found.extend(f"{where}:{line}: imports {target}" for target in reached)
    return found


def test_no_package_imports_another_packages_modules():
    found = cross_package_imports(SRC.parent)
    assert found == [], "import these by their package's name:\n" + "\n".join(found)


def test_the_boundary_check_can_fail(tmp_path):
    top = tmp_path / "silomap"
    for package, init in (("_metrics", '__all__ = ["f", "graph"]\n'), ("_changes", ""), ("_cli", "")):
        (top / package).mkdir(parents=True)
        (top / package / "__init__.py").write_text(init)
    for module in ("score", "graph", "figures"):
        (top / "_metrics" / f"{module}.py").write_text("")
    (top / "_errors.py").write_text("")
    (top / "_changes" / "words.py").write_text("")
    (top / "_changes" / "probe.py").write_text(
        "from .._metrics.score import f\n"  # 1: another package's module
        "from .._metrics import f, graph\n"  # 2: names the package exports
        "from .._metrics import figures\n"  # 3: a module taken by name
        "from .._errors import Problem\n"  # 4: a top-level module
        "from .words import effort\n"  # 5: its own package
        "import silomap._metrics.score\n"  # 6
        "def later():\n"
        "    from silomap._metrics.figures import team_figures\n"  # 8: inside a function too
    )
    (top / "_cli" / "diff.py").write_text("from .._changes.words import describe\n")
    assert cross_package_imports(tmp_path) == [
        "silomap/_changes/probe.py:1: imports silomap._metrics.score",
        "silomap/_changes/probe.py:3: imports silomap._metrics.figures",
        "silomap/_changes/probe.py:6: imports silomap._metrics.score",
        "silomap/_changes/probe.py:8: imports silomap._metrics.figures",
        "silomap/_cli/diff.py:1: imports silomap._changes.words",
    ]


def test_the_yaml_reader_is_one_package():
    assert [p.stem for p in YAML_MODULES] == ["__init__", "compose", "document", "reader", "text"]


@pytest.mark.parametrize("path", YAML_MODULES, ids=lambda p: p.name)
def test_the_yaml_reader_imports_only_the_foundations(path):
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
    return silomap.load(MODELS / "retail-bank")


def _retail(path: Path) -> object:
    return load_mapping(path, _retail_bank())


FAMILIES = {
    "a model": silomap.load,
    "a change file": load_changes,
    "a log mapping": _retail,
    "an assessment": load_assessment,
    "a Backstage catalog": lambda path: silomap.import_model(path, "backstage"),
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
