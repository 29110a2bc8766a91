"""Benchmark: what the notebook's extras cost on the 2,000-system landscape of score_large.py.

- the progress bar: ``fixes`` with its bar drawn (``progress=True``) against without it; goal: the
  bar costs at most 5 % of the search;
- the frames: ``frames(backend)`` in pandas, Polars and PyArrow against ``analyze`` itself; goal:
  each at most a tenth of the analysis.

Everything runs in one process, three times each, and the medians are compared in the same run,
since the machines are shared and noisy.

    python benchmarks/notebook_large.py
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from score_large import generate

import silomap

OUT = Path(__file__).resolve().parent / "out" / "large"


def median(work: Callable[[], object], runs: int = 3) -> float:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        took.append(time.perf_counter() - start)
    return statistics.median(took)


def main() -> None:
    if not (OUT / "model.yaml").exists():
        generate(OUT)
    model = silomap.load(OUT)
    print(f"model: {OUT} (2,000 systems, 6,000 integrations, 2,000 journeys)")
    quiet = median(lambda: silomap.fixes(model, top=10, roadmap=0, progress=False))
    with contextlib.redirect_stderr(io.StringIO()):  # the bar drawn, where no one looks
        drawn = median(lambda: silomap.fixes(model, top=10, roadmap=0, progress=True))
    print(f"fixes without a bar, median of 3:  {quiet:7.2f} s")
    print(f"fixes with its bar, median of 3:   {drawn:7.2f} s")
    print(f"ratio with / without:              {drawn / quiet:7.3f}  (goal <= 1.05)")
    result = silomap.analyze(model)
    analysis = median(lambda: silomap.analyze(model))
    print(f"analyze, median of 3:              {analysis:7.2f} s")
    for backend in ("pandas", "polars", "pyarrow"):
        took = median(lambda backend=backend: result.frames(backend))
        print(
            f"frames({backend!r}) / analyze:{' ' * (10 - len(backend))}{took / analysis:7.3f}  (goal <= 0.1)"
        )


if __name__ == "__main__":
    main()
