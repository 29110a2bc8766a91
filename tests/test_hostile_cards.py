"""A result's card stays small whatever the model: a diff or a what-if of a large landscape lists
thousands of pieces of evidence, and the card unfolds the first 200 of each, saying how many there
are; a table shows its first 20 rows, its title saying how many there are (docs/hostile-inputs:
sizes bounded)."""

from __future__ import annotations

import re

import silomap
from silomap._reports.cards import Card, Table, card_html

from .landscapes import landscape


def _summaries(html: str) -> list[str]:
    return re.findall(r"<summary>(.*?)</summary>", html)


def test_evidence_shows_its_first_200_lines_and_its_count():
    """1,140 lines: 200 shown, then '… and 940 more' (1,140 - 200); the title counts all 1,140."""
    html = card_html(
        Card("Diff", "Bank", "1.0", None, evidence=[("Evidence new", [f"e{i}" for i in range(1140)])])
    )
    assert _summaries(html) == ["Evidence new (1,140)"]
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items[:2] == ["e0", "e1"] and items[199] == "e199" and items[200:] == ["… and 940 more"]


def test_a_table_shows_its_first_20_rows_and_says_how_many():
    rows = [(f"j{i}", "1 → 0") for i in range(57)]
    html = card_html(Card("What-if", "Bank", "1.0", None, tables=[Table("Journeys that change", ("journey", "hand-offs"), rows)]))  # fmt: skip
    assert "Journeys that change (the first 20 of 57)" in html
    assert html.count("<tr>") == 1 + 20 and ">j19</td>" in html and ">j20</td>" not in html


def test_a_diff_of_a_large_landscape_has_a_bounded_card():
    """400 generated systems, then the same without any integration: every system becomes isolated,
    so the diff's new evidence runs past 200 lines. Before, the card listed every line (1,140 of
    them, 105 kB)."""
    before = landscape(400)
    after = before.model_copy(update={"integrations": ()})
    diff = silomap.diff(before, after)
    compared = diff.comparison
    assert len(compared.appeared) > 200  # the case this test is about
    html = diff._repr_html_()
    counts = {"Evidence gone": len(compared.disappeared), "Evidence new": len(compared.appeared)}
    shown = {s.rsplit(" (", 1)[0]: s.rsplit(" (", 1)[1].rstrip(")") for s in _summaries(html) if " (" in s}
    assert {k: shown[k] for k in counts} == {k: f"{n:,}" for k, n in counts.items()}
    for block in re.findall(r"<ul>(.*?)</ul>", html, re.S):
        assert block.count("<li>") <= 201
