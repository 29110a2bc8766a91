"""The example notebook runs from top to bottom, shows what it says, and its committed outputs (which
GitHub and the documentation site show) are what it shows when run: ``pytest --update-goldens``
rewrites them from a run."""

from __future__ import annotations

import copy
import json
import re

import nbformat
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "architecture-review.ipynb"
WIDGET = "application/vnd.jupyter.widget-view+json"  # a live widget's id: new at each run
VARIES = "cell-31"  # the history: the repository's git log, different at each commit


def _kept(notebook):
    """The notebook as committed: no live widget (its HTML stays, for pages that cannot run one), no
    execution counts or timings; the history's output only as the run gives it."""
    kept = copy.deepcopy(notebook)
    kept.metadata.pop("widgets", None)
    for cell in kept.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        cell.metadata = {}
        outputs = []
        for out in cell.outputs:
            out.pop("execution_count", None)
            if out.get("output_type") == "execute_result":
                out["execution_count"] = None
            data = out.get("data", {})
            data.pop(WIDGET, None)
            if data.keys() <= {"text/plain"} and "Output()" in data.get("text/plain", ""):
                continue  # a progress bar's place, gone when the work ended
            outputs.append(out)
        cell.outputs = outputs
    return kept


def _shown(notebook):
    return [(c.id, c.get("outputs", [])) for c in notebook.cells if c.cell_type == "code" and c.id != VARIES]


def test_architecture_review_notebook_runs(request):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    committed = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    text = "".join(out.get("text", "") for out in outputs)
    assert "Northwind Retail Bank: silo score 40.0 (partly integrated)" in text
    assert "roadmap: 40.04 -> 37.68 -> 35.6 -> 34.31" in text and "after the best fix: 37.7" in text
    assert "delta -2.3" in text and ("history:" in text or "no history:" in text)
    # stages in the customer's order, then the maturity assessment and what customers feel
    assert text.index("discovery    51.1") < text.index("sales        50.4") < text.index("after-sales  39.3")
    assert "Customer service: self 3.6, the model suggests 4" in text
    assert "gap: you rate ease-of-buying 4; the model suggests 1" in text
    assert "what-is-my-balance: web answers from ('web-banking',), mobile from ('mobile-app',)" in text
    assert "Spearman's rho of frictions and NPS over 6 journeys: -0.551" in text
    assert "report-lost-card - 6,000 frictions a month: 2 hand-offs, 2 silo re-entries" in text
    # the app's address reaching core banking: move-house's second re-entry becomes a process one
    assert "score 40.0 -> 38.9" in text and "move-house silo re-entries 2 -> 1" in text
    # the what-if panel: fixes 1 and 3 ticked are the roadmap's first two steps
    assert "ticked (1, 3) -> 35.6" in text
    html = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    cards = [h for h in html if h.lstrip().startswith('<div class="silomap-card">')]
    assert len(cards) >= 4  # the analysis, the maturity, the fixes, the what-if
    panels = [h for h in html if "of the fixes ticked</p>" in h]
    assert len(panels) == 2 and "<p>2 of the fixes ticked</p>" in panels[1] and "35.6" in panels[1]
    # the DataFrames: journeys by hand-offs, the teams handed the customer most (Polars), the fixes
    tables = "".join(out.get("data", {}).get("text/plain", "") for out in outputs)
    assert "report-lost-card" in tables and "silo_reentries" in tables
    assert "set-mode" in tables and "score_after" in tables
    assert re.search(r"contact-center\s*┆\s*5", tables)  # 5 hand-offs to the contact center
    drawings = [out["data"] for out in outputs if "image/svg+xml" in out.get("data", {})]
    assert len(drawings) == 3
    for data in drawings:  # shown as drawn (never squeezed to the cell), in a frame that scrolls
        width = re.search(r'<svg width="([\d.]+pt)"', data["image/svg+xml"]).group(1)
        assert data["text/html"].startswith('<div style="overflow: auto; max-width: 100%;')
        assert f'<svg style="max-width: none; height: auto" width="{width}"' in data["text/html"]
    assert 'Source digraph "journey: move-house" {' in text
    ran = _kept(notebook)
    if request.config.getoption("--update-goldens"):
        nbformat.write(ran, NOTEBOOK)
        return
    # what GitHub and the documentation site show is what a run shows (the history aside)
    for (cell, was), (_, now) in zip(_shown(committed), _shown(ran), strict=True):
        assert json.dumps(was, sort_keys=True) == json.dumps(now, sort_keys=True), (
            f"{cell}: the committed output is not what the notebook shows: pytest --update-goldens"
        )
