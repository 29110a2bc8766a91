"""Benchmark: what ``cost --observed`` adds to ``observe`` on a large synthetic log (issue #27).

Writes (deterministically, once) a CSV log of about ``--events`` events made by silomap's generator
from the bundled retail-bank model, with a share of cases one team handles alone (so that each
journey with a person in it has cases transferred and not), then, in one process and one run:

- observe:   ``silomap.observe`` (every figure of observed.md);
- elapsed:   each case's elapsed time by journey and transferred or not, read from the engine's
             per-case figures (grouped: one row per distinct journey, flag and elapsed time);
- bootstrap: the effects, minutes a month and ``--resamples`` (2,000) replicates of the interval.

Prints the times and the ratio (elapsed + bootstrap) / observe. Goal: at most 1 (the bootstrap
adds at most the time of one ``observe`` run). With ``--plain N`` it also times N replicates of a
case-by-case bootstrap in plain Python (``random.choices``) on the same cases and extrapolates to
``--resamples``: what the multinomial draws save. Usage:
python benchmarks/cost_observed.py [--events 10000000] [--resamples 2000] [--plain 5] [--out benchmarks/out/cost]
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _plain(journeys, months: float, replicates: int) -> float:
    """Seconds for ``replicates`` case-by-case resamples of every journey, in plain Python."""
    rng = random.Random(0)
    start = time.perf_counter()
    for cases in journeys:
        flat = [key for key, n in cases.items() for _ in range(n)]
        for _ in range(replicates):
            drawn = rng.choices(flat, k=len(flat))
            a = [m for moved, m in drawn if moved]
            b = [m for moved, m in drawn if not moved]
            _ = (sum(a) / len(a) - sum(b) / len(b)) * len(a) / months
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--plain", type=int, default=0, help="time this many plain-Python replicates too")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "cost")
    args = parser.parse_args()

    import silomap
    from silomap._cost.observed import associate
    from silomap._observed import elapsed
    from silomap._observed.synthetic import mapping_text, write_csv

    args.out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    log = args.out / f"log-{args.events}-solo.csv"
    if not log.exists():
        cases = max(1, args.events * 10 // 38)  # about 3.8 events a case with a third of cases solo
        written = write_csv(model, log, cases, seed=27, solo=0.3)
        print(f"wrote {log.name}: {written:,} events, {cases:,} cases")
    mapping = args.out / f"mapping-{args.events}.yaml"
    mapping.write_text(mapping_text(model, log.name))

    start = time.perf_counter()
    seen = silomap.observe(model, mapping)
    observed = time.perf_counter() - start
    start = time.perf_counter()
    found = elapsed(seen, model)
    grouped = time.perf_counter() - start
    start = time.perf_counter()
    result = associate(
        found.journeys,
        log=found.log,
        cases=found.cases,
        days=found.days,
        customer_minute=Fraction(0),
        resamples=args.resamples,
    )
    boot = time.perf_counter() - start
    distinct = sum(len(c) for c in found.journeys.values())
    print(
        f"{found.cases:,} cases ({distinct:,} distinct journey, flag and elapsed time), "
        f"{result.resampled:,} resampled in {len(result.journeys) - len(result.not_estimated)} journeys"
    )
    print(
        f"observe {observed:6.1f} s; elapsed {grouped:5.1f} s; bootstrap ({args.resamples:,}) {boot:5.1f} s"
    )
    print(f"(elapsed + bootstrap) / observe: {(grouped + boot) / observed:.2f} (goal: 1 or less)")
    total = result.total
    print(
        f"total minutes a month {total['minutes_per_month']:,.0f} (95 % CI {total['ci_low']:,.0f} to {total['ci_high']:,.0f})"
    )
    if args.plain:
        picked = [found.journeys[j.id] for j in result.journeys if j.estimated]
        plain = _plain(picked, result.months, args.plain) * args.resamples / args.plain
        print(
            f"plain Python, case by case: {plain:,.0f} s for {args.resamples:,} (extrapolated): {plain / boot:,.0f}x the multinomial draws"
        )


if __name__ == "__main__":
    main()
