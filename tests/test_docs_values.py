"""Every value the README and the documentation show is what the code gives.

The examples are found by reading the Markdown, so a new one is checked without new code. The rules
(docs/contributing.md, "Values in the docs"):

- A fenced ``text`` or ``mermaid`` block right after a paragraph that names one ``silomap ...`` command
  in backticks shows that command's output. The command runs in a copy of the repository's
  ``models/`` and ``examples/``, and the block must be its whole output (standard output, then standard
  error; the file, with ``-o FILE``), trailing spaces aside. Where the paragraph says "trimmed", lines
  may be left out, never changed or put in another order.
- The ``python`` blocks of a page run in order, in one namespace, in such a copy. A comment that starts
  like a Python value (a digit, a sign, a quote, a bracket, ``True``, ``False`` or ``None``), at the end
  of an expression or alone on the line after it, is the expression's ``repr`` as a doctest shows it
  (``...`` stands for any text).
- Every other ``text`` or ``mermaid`` block is listed in ``NOT_OUTPUT``, with what it shows instead.
"""

from __future__ import annotations

import ast
import difflib
import doctest
import io
import re
import shlex
import shutil
import tokenize
from pathlib import Path
from typing import NamedTuple

import pytest
from markdown_it import MarkdownIt

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
OUTPUT_LANGUAGES = ("text", "mermaid")
# files an example names that the repository does not ship under that name
PROVIDED = {
    "process.bpmn": DATA / "bpmn" / "miwg_C.4.0.bpmn",
    "cost-example.yaml": DATA / "cost" / "model.yaml",  # docs/cost.md's worked example
    "cost-rates.yaml": DATA / "cost" / "rates.yaml",
    "conference-signup-with-flow.arch.json": DATA / "calm" / "conference-signup-with-flow.arch.json",
}
# the text blocks that are not a command's output, by page and a text in their first line: what they are
NOT_OUTPUT = {
    ("docs/contributing.md", "the public facade"): "the package's folders",
    ("docs/python.md", "fixes ━━━"): "what the progress bar looks like (tests/test_progress.py draws it)",
    ("docs/errors.md", "FILE:LINE:COL: "): "the form of a problem line",
    ("docs/fixes.md", "error[SM070]: "): "an error in a change file the page does not show",
    ("docs/format.md", "error[SM020]: "): "errors in a model the page does not show",
    ("docs/ci.md", "error[SM030]: "): "the hook on a repository the page does not show (tests/test_paths.py)",
    ("docs/errors.md", "error[SM030]: "): "a model the page does not show (tests/test_paths.py runs it)",
    ("docs/export.md", "silomap diff: "): "diff of a round trip (tests/test_roundtrip.py runs it)",
    ("docs/metrics.md", "Rests on defaults: "): "the worked example's summary (test_completeness)",
    ("docs/versions.md", "silomap diff: Draft from"): "a draft beside a model, trimmed (test_drafted_diff)",
    ("docs/versions.md", "2026-03-01  Ada"): "history of a repository the page describes (test_versions)",
    ("docs/observed.md", "Observed journeys: Tiny"): "the tiny log without teams (test_observed_missing)",
    ("docs/observed.md", "case_id,events,"): "its per-case file (tests/test_observed_missing.py)",
    ("docs/observed.md", "error[SM081]: "): "helpdesk.xes.gz, from ../shared (test_observed_missing)",
    ("docs/import.md", "error[SM064]: "): "a broken CALM file the page does not show (tests/test_calm.py)",
    ("docs/watch.md", "summary at 2026-01-01T09:32:00"): "a replay piped to watch (tests/test_watch_cli.py)",
    ("docs/watch.md", "silomap watch (live)"): "the live view at the cut (tests/test_watch_live.py)",
    ("docs/observed.md", "Observed journeys: Purchase to"): "pm4py's OCEL log (test_observed_ocel)",
}
VALUE = re.compile(r"#\s*((?:[-+\d(\[{'\"]|True\b|False\b|None\b).*)$")


class Block(NamedTuple):
    page: str  # relative to the repository
    line: int  # 1-based, the opening fence
    language: str
    text: str
    command: str | None  # the one `silomap ...` named in the paragraph just before, if any
    trimmed: bool  # that paragraph says the block is trimmed


def _commands(inline) -> list[str]:
    spans = [" ".join(c.content.split()) for c in inline.children or () if c.type == "code_inline"]
    return [s for s in spans if s.startswith("silomap ")]


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, each with the command its paragraph names."""
    tokens = MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8"))
    name = str(page.relative_to(ROOT))
    found = []
    for i, token in enumerate(tokens):
        if token.type != "fence":
            continue
        paragraph = tokens[i - 2] if i >= 2 and tokens[i - 1].type == "paragraph_close" else None
        commands = _commands(paragraph) if paragraph else []
        line = token.map[0] + 1
        assert len(commands) <= 1, f"{name}:{line}: the paragraph names {commands}; name one command"
        language = token.info.split()[0] if token.info.strip() else ""
        trimmed = paragraph is not None and "trimmed" in paragraph.content
        found.append(Block(name, line, language, token.content, next(iter(commands), None), trimmed))
    return found


ALL = [b for page in PAGES for b in blocks(page)]
OUTPUTS = [b for b in ALL if b.language in OUTPUT_LANGUAGES and b.command]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A copy of the models and examples the docs use, and the files they name but the repo lacks."""
    root = tmp_path_factory.mktemp("docs")
    for folder in ("models", "examples"):
        shutil.copytree(ROOT / folder, root / folder)
    for name, source in PROVIDED.items():
        shutil.copy(source, root / name)
    return root


def _not_output(block: Block) -> tuple[str, str] | None:
    first = block.text.partition("\n")[0]
    return next(((page, text) for page, text in NOT_OUTPUT if page == block.page and text in first), None)


def test_every_output_block_names_its_command():
    """A new text block is either checked or said not to be output, and NOT_OUTPUT names no old one."""
    unnamed = [b for b in ALL if b.language in OUTPUT_LANGUAGES and not b.command]
    assert [f"{b.page}:{b.line}" for b in unnamed if _not_output(b) is None] == []
    assert {_not_output(b) for b in unnamed} == set(NOT_OUTPUT)


def difference(shown: str, real: str, *, trimmed: bool) -> str | None:
    """How a block departs from the real output, or None. Trailing spaces and blank lines do not count;
    a trimmed block may leave lines out."""
    want = [line.rstrip() for line in shown.rstrip().splitlines()]
    have = [line.rstrip() for line in real.rstrip().splitlines()]
    if not trimmed:
        diff = difflib.unified_diff(want, have, "shown", "real", lineterm="")
        return None if want == have else "\n".join(diff)
    rest = iter(have)  # each shown line is looked for after the one found before it
    missing = next((line for line in want if line not in rest), None)
    return None if missing is None else f"not in the output, after the lines before it:\n{missing}\n\n{real}"


def test_a_block_is_the_whole_output_unless_trimmed():
    real = "a\nb  \nc\n\n"
    assert difference("a\nb\nc", real, trimmed=False) is None
    assert difference("a\nc", real, trimmed=False) is not None
    assert difference("a\nc", real, trimmed=True) is None
    assert difference("a\nB\nc", real, trimmed=True) is not None
    assert difference("c\na", real, trimmed=True) is not None


@pytest.mark.parametrize("block", OUTPUTS, ids=[f"{b.page}:{b.line}" for b in OUTPUTS])
def test_shown_output_is_the_real_output(block, sandbox, monkeypatch, capsys):
    monkeypatch.chdir(sandbox)
    argv = shlex.split(block.command)[1:]
    code = main(argv)
    assert code in (0, 1, 2), f"`{block.command}` exited {code}"
    out, err = capsys.readouterr()
    real = (sandbox / argv[argv.index("-o") + 1]).read_text(encoding="utf-8") if "-o" in argv else out + err
    found = difference(block.text, real, trimmed=block.trimmed)
    assert found is None, f"{block.page}:{block.line} is not what `{block.command}` gives:\n{found}"


def checks(source: str) -> dict[int, str]:
    """The value comments of a block: the line of the expression they follow, and the value."""
    found: dict[int, str] = {}
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and (value := VALUE.match(token.string)):
            row = token.start[0]
            alone = not lines[row - 1][: token.start[1]].strip()
            found[row - 1 if alone else row] = value.group(1).strip()
    return found


def run_block(block: Block, namespace: dict[str, object]) -> None:
    """Run a Python block statement by statement; each value comment must be its expression's repr."""
    values = checks(block.text)
    checker = doctest.OutputChecker()
    for node in ast.parse(block.text).body:
        where = f"{block.page}:{block.line + node.lineno}"
        want = values.pop(node.end_lineno or node.lineno, None)
        if want is None:
            exec(compile(ast.Module([node], []), where, "exec"), namespace)
            continue
        assert isinstance(node, ast.Expr), f"{where}: a value comment follows an expression, not a statement"
        got = repr(eval(compile(ast.Expression(node.value), where, "eval"), namespace))
        assert checker.check_output(want + "\n", got + "\n", doctest.ELLIPSIS), (
            f"{where}: shows {want}, is {got}"
        )
    assert not values, f"{block.page}: value comments after no expression, lines {sorted(values)}"


def test_value_comments_are_told_from_prose():
    source = "x = f()  # a prose comment\nx  # 0.5...\nx\n# [1, 2]\ng(x)  # (with a bracket: a value)\n"
    assert checks(source) == {2: "0.5...", 3: "[1, 2]", 5: "(with a bracket: a value)"}


@pytest.mark.parametrize(
    ("source", "passes"),
    [("1 + 1  # 2\n", True), ("1 / 3  # 0.33...\n", True), ("1 + 1  # 3\n", False), ("x = 2  # 2\n", False)],
)
def test_a_value_comment_is_checked(source, passes):
    block = Block("page.md", 1, "python", source, None, False)
    if passes:
        run_block(block, {})
    else:
        with pytest.raises(AssertionError):
            run_block(block, {})


PYTHON_PAGES = sorted({b.page for b in ALL if b.language == "python"})


@pytest.mark.parametrize("page", PYTHON_PAGES)
def test_python_examples_run_and_show_their_values(page, sandbox, monkeypatch):
    monkeypatch.chdir(sandbox)
    namespace: dict[str, object] = {}
    for block in (b for b in ALL if b.page == page and b.language == "python"):
        run_block(block, namespace)


def test_the_readme_table_of_models_shows_their_names_and_scores():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.compile(
        r"^\| \[models/([\w-]+)\]\(models/[\w-]+\) \| ([^|(]+?) (?:\(.*\) )?\|.*\| ([\d.]+) ([a-z ]+) \|$",
        re.M,
    )
    shown = {name: (who, float(score), band) for name, who, score, band in row.findall(readme)}
    real = {}
    for path in sorted(p for p in (ROOT / "models").iterdir() if p.is_dir()):
        model = silomap.load(path)
        result = silomap.analyze(model)
        real[path.name] = (model.name, result.score, result.band)
    assert shown == real
