"""Benchmark: `silomap cost` against `silomap score`, and `silomap fixes --rates` (each listed fix
measured again on the changed model) against `silomap fixes`, on the 2,000-system landscape of
score_large.py.

Each command runs in a fresh process (load, measure, print JSON), `--runs` times; the medians are
compared in the same run, since the machines are shared and noisy. Goals: cost at most 1.5x score
(one analysis and a sum over journeys and questions); fixes --rates at most 2x fixes.

    python benchmarks/cost_large.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from score_large import generate

OUT = Path(__file__).resolve().parent / "out" / "large"
RATES = Path(__file__).resolve().parent.parent / "examples" / "rates.yaml"


def timed(args: list[str], runs: int) -> float:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "silomap", *args], check=True, stdout=subprocess.DEVNULL)
        took.append(time.perf_counter() - start)
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args()
    if not (OUT / "model.yaml").exists():
        generate(OUT)
    score = timed(["score", str(OUT), "--json"], args.runs)
    cost = timed(["cost", str(OUT), str(RATES), "--json"], args.runs)
    fixes = timed(["fixes", str(OUT), "--json"], args.runs)
    priced = timed(["fixes", str(OUT), "--json", "--rates", str(RATES)], args.runs)
    print(f"model: {OUT} (2,000 systems, 6,000 integrations, 2,000 journeys); medians of {args.runs}")
    print(f"silomap score --json:          {score:6.2f} s")
    print(
        f"silomap cost --json:           {cost:6.2f} s   ratio cost / score   {cost / score:5.2f}  (goal <= 1.5)"
    )
    print(f"silomap fixes --json:          {fixes:6.2f} s")
    print(
        f"silomap fixes --rates --json:  {priced:6.2f} s   ratio priced / fixes {priced / fixes:5.2f}  (goal <= 2)"
    )


if __name__ == "__main__":
    main()
