"""docs/contributing.md's table of families stays true: each table it names is defined in the
module it names, and each file and test it points to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "silomap"
PAGE = ROOT / "docs" / "contributing.md"


def _rows() -> list[tuple[str, str, str]]:
    """The rows of the table under "One table per family": family, table, what adding one touches."""
    text = PAGE.read_text(encoding="utf-8").split("## One table per family", 1)[1]
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith(("| family", "|---")):
            if rows and not line.startswith("|"):
                break
            continue
        family, table, touches = (cell.strip() for cell in line.strip("|").split(" | ", 2))
        rows.append((family, table, touches))
    return rows


ROWS = _rows()


def test_the_table_lists_the_families_of_issue_25():
    families = {family for family, _, _ in ROWS}
    assert {"a kind of change", "a report section", "an engine for event logs", "a view"} <= families


@pytest.mark.parametrize(("family", "table", "touches"), ROWS, ids=[r[0] for r in ROWS])
def test_each_named_table_is_defined_where_the_page_says(family, table, touches):
    found = re.findall(r"((?:`[A-Za-z_]+`(?:, )?)+) in `([\w/.]+\.py)`", table)
    if table.startswith("none"):
        assert not found
        return
    assert found, f"{family}: no `TABLE` in `module.py` in {table!r}"
    for names, module in found:
        path = (ROOT / "src" / module) if module.startswith("silomap/") else SRC / module
        assert path.is_file(), f"{family}: {module} does not exist"
        source = path.read_text(encoding="utf-8")
        for name in re.findall(r"`([A-Za-z_]+)`", names):
            assert re.search(rf"^{name}\b[^=\n]*=", source, re.MULTILINE), f"{family}: {name} not in {module}"


@pytest.mark.parametrize(("family", "table", "touches"), ROWS, ids=[r[0] for r in ROWS])
def test_each_file_a_row_points_to_exists(family, table, touches):
    for name in re.findall(r"`((?:tests|docs)/[\w/.]+\.(?:py|md))`", touches):
        assert (ROOT / name).is_file(), f"{family}: {name} does not exist"
    for name in re.findall(r"`(_[\w]+/[\w/.]+\.py)`", table + touches):
        assert (SRC / name).is_file(), f"{family}: {name} does not exist"
