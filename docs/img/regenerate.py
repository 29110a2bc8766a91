"""Redraw the pictures of docs/ from the bundled models (embedded Graphviz, so any machine draws
the same): python docs/img/regenerate.py. Look at every one before committing it.

The 17-step journey comes from the BPMN file of ../shared/data (imported first), the
2,000-system landscape from benchmarks/score_large.py; both are skipped when missing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import silomap

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "img"
PICTURES = [
    ("retail-bank-landscape.svg", "models/retail-bank", "landscape", {}),
    ("university-landscape.svg", "models/university", "landscape", {"overlay": "questions"}),
    ("retail-bank-group.svg", "models/retail-bank", "group", {"group": "it-core"}),
    ("retail-bank-journey.svg", "models/retail-bank", "journey", {"journey": "move-house"}),
    ("university-journey.svg", "models/university", "journey", {"journey": "enrol-and-pay"}),
    ("telecom-journey.svg", "models/telecom", "journey", {"journey": "report-fault"}),
    ("retail-bank-question.svg", "models/retail-bank", "question", {"question": "where-is-my-card"}),
]


def main() -> None:
    for name, model, view, options in PICTURES:
        silomap.diagram(silomap.load(ROOT / model), view, renderer="embedded", **options).save(IMG / name)
    bpmn = ROOT.parent / "shared" / "data" / "bpmn" / "miwg_C.5.0.bpmn"
    if bpmn.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "silomap", "import", "bpmn", str(bpmn), "-o", f"{tmp}/m"], check=True)
            picture = silomap.diagram(silomap.load(f"{tmp}/m"), "journey", journey="bank", renderer="embedded")
            picture.save(IMG / "bpmn-17-steps-journey.svg")
    large = ROOT / "benchmarks" / "out" / "large"
    if large.exists():
        silomap.diagram(silomap.load(large), "landscape", renderer="embedded").save(IMG / "benchmark-2000-grouped.svg")


if __name__ == "__main__":
    main()
