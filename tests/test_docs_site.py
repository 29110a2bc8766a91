"""The documentation site: every page in the navigation, every public name in the API reference, and
(where MkDocs is installed, as CI installs it) a strict build with no broken link or anchor."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

import silomap

from .conftest import ROOT

DOCS = ROOT / "docs"


def _nav_pages(nav):
    for item in nav:
        for value in item.values():
            yield from _nav_pages(value) if isinstance(value, list) else [value]


def test_every_page_is_in_the_navigation():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = sorted(_nav_pages(config["nav"]))
    assert pages == sorted(p.name for p in DOCS.glob("*.md"))


def test_the_api_reference_lists_every_public_name():
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    headings = re.findall(r'heading: "silomap\.(\w+)"', text)
    assert sorted(headings) == sorted(set(silomap.__all__) - {"__version__"})
    for name, path in zip(headings, re.findall(r"^::: (\S+)$", text, re.M), strict=True):
        module, _, attr = path.rpartition(".")
        assert getattr(sys.modules[module] if module in sys.modules else __import__(module, fromlist=[attr]),
                       attr) is getattr(silomap, name)  # fmt: skip


def test_the_site_builds_strictly(tmp_path):
    mkdocs = shutil.which("mkdocs") or (shutil.which("mkdocs", path=str(ROOT / ".venv" / "bin")))
    if mkdocs is None:
        pytest.skip("MkDocs is not installed: pip install '.[docs]'")
    done = subprocess.run([mkdocs, "build", "--strict", "-q", "-d", str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="doc doc-heading"') >= len(silomap.__all__) - 1
    assert "language-pycon" in page or "highlight" in page  # the examples are code blocks
    assert ":class:" not in page
    # the example notebook's page: its cells and the outputs committed with it, cards and drawings
    notebook = (tmp_path / "site" / "notebook" / "index.html").read_text(encoding="utf-8")
    assert "What if? Tick the fixes" in notebook and notebook.count('<div class="silomap-card">') >= 4
    assert "ticked (1, 3) -&gt; 35.6" in notebook and notebook.count("<svg") >= 4


def test_the_report_page_shows_the_golden_markdown_report():
    page = (DOCS / "report.md").read_text(encoding="utf-8")
    shown = page.split("````markdown\n", 1)[1].split("\n````", 1)[0] + "\n"
    assert shown == (ROOT / "tests" / "golden" / "retail-bank-report.md").read_text(encoding="utf-8")


def test_every_public_name_has_an_example():
    import inspect

    missing = [
        n
        for n in silomap.__all__
        if n != "__version__" and ">>>" not in (inspect.getdoc(getattr(silomap, n)) or "")
    ]
    assert missing == []
