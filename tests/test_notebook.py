"""The example notebook runs from top to bottom, and shows what it says."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

from .conftest import ROOT


def test_architecture_review_notebook_runs():
    notebook = nbformat.read(ROOT / "examples" / "architecture-review.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    text = "".join(out.get("text", "") for out in outputs)
    assert "Northwind Retail Bank: silo score 40.0 (partly integrated)" in text
    assert "score 40.0 -> " in text
    assert "roadmap: 40.04 -> 37.68 -> 35.6 -> 34.31" in text and "after the best fix: 37.7" in text
    assert "delta -2.3" in text and ("history:" in text or "no history:" in text)
    # stages in the customer's order, then the maturity assessment and what customers feel
    assert text.index("discovery    51.1") < text.index("sales        50.4") < text.index("after-sales  39.3")
    assert "Customer service: self 3.6, the model suggests 4" in text
    assert "gap: you rate ease-of-buying 4; the model suggests 1" in text
    assert "what-is-my-balance: web answers from ('web-banking',), mobile from ('mobile-app',)" in text
    assert "Spearman's rho of frictions and NPS over 6 journeys: -0.551" in text
    assert "report-lost-card - 6,000 frictions a month: 2 hand-offs, 2 silo re-entries" in text
    # the DataFrames: journeys by hand-offs, the teams handed the customer most, the fixes
    tables = "".join(out.get("data", {}).get("text/plain", "") for out in outputs)
    assert "report-lost-card" in tables and "silo_reentries" in tables
    assert "set-mode" in tables and "score_after" in tables
    drawings = [out["data"] for out in outputs if "image/svg+xml" in out.get("data", {})]
    assert len(drawings) == 3
    for data in drawings:  # shown as drawn (never squeezed to the cell), in a frame that scrolls
        width = re.search(r'<svg width="([\d.]+pt)"', data["image/svg+xml"]).group(1)
        assert data["text/html"].startswith('<div style="overflow: auto; max-width: 100%;')
        assert f'<svg style="max-width: none; height: auto" width="{width}"' in data["text/html"]
    assert 'Source digraph "journey: move-house" {' in text
    assert not [out for out in outputs if out.get("output_type") == "error"]
