"""Benchmark: `silomap fixes` against `silomap score` on the 2,000-system landscape of score_large.py.

Both run as commands in fresh processes (load, measure, print JSON), three times each; the
medians are compared in the same run, since the machines are shared and noisy. Goal: fixes at
most 3x score, peak memory under 1 GiB.

    python benchmarks/fixes_large.py [--roadmap K]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from score_large import generate

OUT = Path(__file__).resolve().parent / "out" / "large"


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - start
    return took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roadmap", type=int, default=0, help="roadmap steps asked of fixes (default 0)")
    args = parser.parse_args()
    if not (OUT / "model.yaml").exists():
        generate(OUT)
    score = [timed([sys.executable, "-m", "silomap", "score", str(OUT), "--json"])[0] for _ in range(3)]
    runs = [
        timed([sys.executable, "-m", "silomap", "fixes", str(OUT), "--json", "--roadmap", str(args.roadmap)])
        for _ in range(3)
    ]
    fixes = [t for t, _ in runs]
    print(f"model: {OUT} (2,000 systems, 6,000 integrations, 2,000 journeys)")
    print(f"silomap score --json, median of 3:   {statistics.median(score):6.2f} s")
    print(f"silomap fixes --json (roadmap {args.roadmap}): {statistics.median(fixes):6.2f} s")
    print(
        f"ratio fixes / score:                 {statistics.median(fixes) / statistics.median(score):6.2f}  (goal <= 3)"
    )
    print(f"peak memory of the children:         {max(m for _, m in runs):6,d} MiB  (goal < 1024)")


if __name__ == "__main__":
    main()
