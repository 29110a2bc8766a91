"""Benchmark: the landscape of 50, 120 and 300 generated systems, laid out to fit a page.

Uses the seeded generator of ``tests/landscapes.py`` (teams, kinds, domain tags, integrations
with data, four in five inside a domain) and ``silomap.diagram(model, "landscape", page=...)``
with the embedded Graphviz, in this process. For each size it prints the drawings made (the
overview and one per group past 40 systems), the overview's size and aspect, the smallest text at
page scale and the label overlaps and line crossings over all drawings, and the time; then each
figure as a ratio to the 50-system run, measured in the same run.

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


def run(size: int, page: str) -> dict[str, float]:
    model = landscape(size)
    start = time.perf_counter()
    picture = silomap.diagram(model, "landscape", page=page, renderer="embedded")
    found = [measure(d.svg(), page) for d in (picture, *picture.groups)]
    seconds = time.perf_counter() - start
    return {
        "drawings": len(found),
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
    parser.add_argument("--page", default="a3", choices=("a3", "a4", "16:9"))
    page = parser.parse_args().page
    rows = {size: run(size, page) for size in SIZES}
    print(f"page {page}: the overview's size and aspect; over all drawings, the smallest text and overlaps")
    print(f"{'systems':>8} {'drawings':>9} {'size (pt)':>13} {'aspect':>7} {'worst':>6} "
          f"{'text pt':>8} {'overlaps':>9} {'time s':>7}")  # fmt: skip
    for size, r in rows.items():
        print(f"{size:>8} {r['drawings']:>9.0f} {r['width']:>6.0f}x{r['height']:<6.0f} {r['aspect']:>7.2f} "
              f"{r['worst aspect']:>6.2f} {r['smallest']:>8.2f} {r['overlaps']:>9.0f} {r['seconds']:>7.1f}")  # fmt: skip
    base = rows[SIZES[0]]
    print("\nas ratios to the 50-system run:")
    for size, r in rows.items():
        ratios = "  ".join(
            f"{key} {r[key] / base[key]:.2f}"
            for key in ("drawings", "width", "height", "smallest", "seconds")
        )
        print(f"{size:>8}  {ratios}")


if __name__ == "__main__":
    main()
