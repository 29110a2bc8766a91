"""Redraw the pictures of docs/ from the bundled models (embedded Graphviz, so any machine draws
the same): python docs/img/regenerate.py. Look at every one before committing it.

The 17-step journey comes from the BPMN file of ../shared/data (imported first), skipped when
missing; the 120- and 300-system landscapes from tests/landscapes.py. The print
view (report-print.png: every page of retail-bank's PDF report, side by side) needs the pdf extra
and pypdfium2 to draw the pages; it is skipped without them.
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


def generated() -> None:
    """The 120- and 300-system landscapes of tests/landscapes.py on an A3 page (the overview and
    the first group), and the 300 on a slide (the overview of areas and the first area), as PNG."""
    sys.path.insert(0, str(ROOT))
    from tests.landscapes import landscape

    for size in (120, 300):
        picture = silomap.diagram(landscape(size), "landscape", page="a3", renderer="embedded")
        picture.save(IMG / f"landscape-{size}-overview.png")
        picture.groups[0].save(IMG / f"landscape-{size}-group.png")
    slide = silomap.diagram(landscape(300), "landscape", page="16:9", renderer="embedded")
    slide.save(IMG / "landscape-300-slide-overview.png")
    next(d for d in slide.groups if d.name == "area-1").save(IMG / "landscape-300-slide-area.png")


def main() -> None:
    for name, model, view, options in PICTURES:
        silomap.diagram(silomap.load(ROOT / model), view, renderer="embedded", **options).save(IMG / name)
    generated()
    bpmn = ROOT.parent / "shared" / "data" / "bpmn" / "miwg_C.5.0.bpmn"
    if bpmn.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "silomap", "import", "bpmn", str(bpmn), "-o", f"{tmp}/m"], check=True)
            picture = silomap.diagram(silomap.load(f"{tmp}/m"), "journey", journey="bank", renderer="embedded")
            picture.save(IMG / "bpmn-17-steps-journey.svg")
    print_view()


def print_view(width: int = 1560, gap: int = 10) -> None:
    """Every page of retail-bank's PDF report at 42 % of its size, in rows ``width`` px wide."""
    try:
        import pypdfium2
        from PIL import Image
        bank = silomap.load(ROOT / "models/retail-bank")
        pdf = pypdfium2.PdfDocument(silomap.report(bank, "pdf", renderer="embedded"))
    except (ImportError, silomap.UsageError):
        print("report-print.png skipped: pip install '.[pdf]' pypdfium2")
        return
    pages = [pdf[n].render(scale=0.42).to_pil() for n in range(len(pdf))]
    rows: list[list[Image.Image]] = [[]]
    for page in pages:
        if rows[-1] and sum(p.width + gap for p in rows[-1]) + page.width + 2 * gap > width:
            rows.append([])
        rows[-1].append(page)
    height = max(p.height for p in pages) + gap
    size = (max(sum(p.width + gap for p in r) + gap for r in rows), len(rows) * height + gap)
    sheet = Image.new("RGB", size, (120, 128, 140))
    for y, row in enumerate(rows):
        x = gap
        for page in row:
            sheet.paste(page, (x, gap + y * height))
            x += page.width + gap
    sheet.quantize(colors=64).save(IMG / "report-print.png", optimize=True)


if __name__ == "__main__":
    main()
