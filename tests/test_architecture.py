"""The shape of the code: small modules and functions, one-way imports, one table per family."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

import silomap
from silomap._cli.main import COMMANDS, _parser
from silomap._diagrams import VIEWS
from silomap._draft import KEYS
from silomap._exporters import EXPORTERS
from silomap._importers import IMPORTERS
from silomap._metrics import COMPONENTS
from silomap._reports import REPORTS

SRC = Path(silomap.__file__).resolve().parent
MODULES = sorted(SRC.rglob("*.py"))
MAX_MODULE, MAX_FUNCTION = 400, 60


def test_every_module_is_checked():
    assert len(MODULES) > 40 and SRC / "_model" / "load.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_functions_are_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION
    ]
    assert long == []


def _imports_facade(path: Path, root: Path = SRC.parent) -> list[int]:
    """Lines where a module imports the package ``silomap`` itself (not one of its modules)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if target == "silomap" and any(alias.name not in _SUBMODULES for alias in node.names):
                lines.append(node.lineno)
        elif isinstance(node, ast.Import) and any(alias.name == "silomap" for alias in node.names):
            lines.append(node.lineno)
    return lines


_SUBMODULES = {p.stem if p.is_file() else p.name for p in SRC.iterdir() if p.name != "__init__.py"}


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if p.parent == SRC or p.parent.name != "_cli"],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_no_private_module_imports_the_facade(path):
    if path in (SRC / "__init__.py", SRC / "__main__.py"):
        return
    assert _imports_facade(path) == []


def test_the_facade_check_can_fail(tmp_path):
    probe = tmp_path / "silomap" / "_model" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from .schema import Model\nfrom .. import __version__\nfrom .. import _errors\nimport silomap\n"
    )
    assert _imports_facade(probe, tmp_path) == [2, 4]


def _action(command: str, option: str):
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return next(a for a in sub._actions if option in a.option_strings or a.dest == option)


def _choices(command: str, option: str) -> list[str] | None:
    action = _action(command, option)
    return None if action.choices is None else list(action.choices)


def test_cli_choices_come_from_the_tables():
    assert _choices("render", "--view") == list(VIEWS)
    assert _choices("report", "--format") == list(REPORTS)
    assert _choices("import", "source") == list(IMPORTERS)
    assert _choices("export", "target") == list(EXPORTERS)
    assert _choices("draft", "--key") == list(KEYS)
    assert [c.name for c in COMMANDS] == [
        "validate",
        "score",
        "render",
        "report",
        "assess",
        "observe",
        "watch",
        "cost",
        "whatif",
        "fixes",
        "diff",
        "history",
        "import",
        "draft",
        "export",
        "schema",
    ]
    for subject in {v.subject for v in VIEWS.values() if v.subject}:
        assert _choices("render", f"--{subject}") is None  # the option exists and takes any id


@pytest.mark.parametrize(
    ("command", "option", "table"),
    [
        ("render", "--view", VIEWS),
        ("report", "--format", REPORTS),
        ("import", "source", IMPORTERS),
        ("export", "target", EXPORTERS),
    ],
)
def test_cli_help_names_every_row_of_the_tables(command, option, table):
    words = _action(command, option).help
    assert [name for name in table if f"{name}: " in words] == list(table)


def test_each_score_component_has_a_weight_and_a_row():
    assert [row.id for row in COMPONENTS] == list(silomap.Weights.model_fields)
    assert all(row.label and row.title and row.measures and row.explains for row in COMPONENTS)


def _untabled_skips(text: str) -> list[int]:
    """Lines whose ``# fmt: skip`` (or ``fmt: off``) sits on no table.

    A table is an assignment of a literal dict, list, tuple or set (its rows aligned by hand); a
    skip counts when its line is within one. Everywhere else the formatter formats.
    """
    tables = [
        range(node.lineno, node.end_lineno + 1)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and isinstance(node.value, ast.Dict | ast.List | ast.Tuple | ast.Set)
    ]
    comments = [
        token.start[0]
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT and re.search(r"fmt:\s*(skip|off)", token.string)
    ]
    return [line for line in comments if not any(line in table for table in tables)]


def _formatter_off(paths: list[Path]) -> dict[str, list[int]]:
    found = {str(p.relative_to(SRC)): _untabled_skips(p.read_text(encoding="utf-8")) for p in paths}
    return {name: lines for name, lines in found.items() if lines}


def test_the_formatter_is_off_only_on_tables():
    assert len(MODULES) > 100
    assert _formatter_off(MODULES) == {}


def test_the_table_check_can_fail():
    probe = (
        "ROWS = {\n"
        '    "a": (1, 2),\n'
        "}  # fmt: skip\n"
        "COLUMNS: tuple[str, ...] = ('a', 'b')  # fmt: skip\n"
        "def f(a, b):  # fmt: skip\n"
        "    call(a,\n"
        "         b)  # fmt: skip\n"
        "    return {'a': a}  # fmt: skip\n"
        "# fmt: off\n"
    )
    assert _untabled_skips(probe) == [5, 7, 8, 9]
