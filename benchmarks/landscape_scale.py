"""Benchmark: the landscape of 50, 120 and 300 generated systems, laid out to fit a page.

Uses the seeded generator of ``tests/landscapes.py`` (teams, kinds, domain tags, integrations
with data, four in five inside a domain) and ``silomap.diagram(model, "landscape", page=...)``
with the embedded Graphviz, in this process. For each page and size it prints the drawings made
(the overview, the areas when the overview of groups does not fit, one per group past 40 systems),
the area drawings, the overview's size and aspect, the worst aspect, the smallest text at page scale and the
label overlaps and line crossings over all drawings, and the time as a ratio to the 50-system run
of the same page, measured in the same run.

Usage: python benchmarks/landscape_scale.py [--page a3|a4|16:9]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import silomap
from silomap._diagrams import measure
from tests.landscapes import landscape

SIZES = (50, 120, 300)
PAGES = ("a3", "a4", "16:9")


def run(size: int, page: str) -> dict[str, float]:
    model = landscape(size)
    start = time.perf_counter()
    picture = silomap.diagram(model, "landscape", page=page, renderer="embedded")
    found = [measure(d.svg(), page) for d in (picture, *picture.groups)]
    seconds = time.perf_counter() - start
    return {
        "drawings": len(found),
        "areas": sum(d.name.startswith("area-") for d in picture.groups),
        "width": found[0].width,
        "height": found[0].height,
        "aspect": found[0].aspect,
        "worst aspect": max(found, key=lambda m: abs(m.aspect - 1)).aspect,
        "smallest": min(m.smallest or 0.0 for m in found),
        "overlaps": sum(m.overlaps + m.crossings for m in found),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", choices=PAGES, help="one page only (default: a3, a4 and 16:9)")
    asked = parser.parse_args().page
    pages = [asked] if asked else list(PAGES)
    print("the overview's size and aspect; over all drawings, the smallest text and overlaps")
    print(f"{'page':>5} {'systems':>8} {'drawings':>9} {'areas':>6} {'size (pt)':>13} {'aspect':>7} {'worst':>6} "
          f"{'text pt':>8} {'overlaps':>9} {'time':>6}")  # fmt: skip
    for page in pages:
        rows = {size: run(size, page) for size in SIZES}
        base = rows[SIZES[0]]
        for size, r in rows.items():
            print(f"{page:>5} {size:>8} {r['drawings']:>9.0f} {r['areas']:>6.0f} {r['width']:>6.0f}x{r['height']:<6.0f} "
                  f"{r['aspect']:>7.2f} {r['worst aspect']:>6.2f} {r['smallest']:>8.2f} {r['overlaps']:>9.0f} "
                  f"{r['seconds'] / base['seconds']:>6.2f}")  # fmt: skip
    print("time: as a ratio to the 50-system run of the same page, in this run")


if __name__ == "__main__":
    main()
