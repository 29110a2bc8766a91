"""Benchmark: `silomap draft` against `silomap observe` on the same large synthetic log.

Writes (deterministically, once, shared with ``observe_large.py``) a CSV log of about ``--events``
events made by silomap's generator from the bundled retail-bank model, then runs, each in a fresh
process and alternately ``--repeat`` times (1):

- observe: ``silomap observe MODEL MAPPING --json`` (every figure of observed.md);
- draft:   ``silomap draft LOG MAPPING -o DIR --force`` (the same mapping; its steps ignored).

Prints each one's time and peak memory (RSS), the ratio of draft to observe, and the median ratio.
Goals (issue #26): draft within 2x observe's time, and within observe's memory bound (both run with
the same ``--memory-limit``, DuckDB's bound, through ``SILOMAP_MEMORY_LIMIT``). Usage:
python benchmarks/draft_large.py [--events 10000000] [--out benchmarks/out/observe] [--memory-limit 8GB]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from observe_large import _run

ROOT = Path(__file__).resolve().parents[1]


def _log(events: int, out: Path) -> tuple[Path, Path]:
    """The synthetic log (as ``observe_large.py`` names it) and its mapping."""
    import silomap
    from silomap._observed.synthetic import mapping_text, write_csv

    out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    log = out / f"log-{events}.csv"
    if not log.exists():
        cases = max(1, events * 10 // 41)  # about 4.1 events a case in this model
        start = time.perf_counter()
        written = write_csv(model, log, cases, seed=14)
        print(f"wrote {log.name}: {written:,} events, {cases:,} cases in {time.perf_counter() - start:.0f} s")
    mapping = out / f"mapping-{events}.yaml"
    mapping.write_text(mapping_text(model, log.name))
    return log, mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "observe")
    parser.add_argument("--memory-limit", default=None, help="DuckDB's bound for both (default 60%% of RAM)")
    parser.add_argument("--repeat", type=int, default=1, help="observe and draft, alternately, this often")
    args = parser.parse_args()
    log, mapping = _log(args.events, args.out)
    if args.memory_limit:
        os.environ["SILOMAP_MEMORY_LIMIT"] = args.memory_limit  # the children inherit it
    silomap = [sys.executable, "-m", "silomap"]
    observe = [*silomap, "observe", str(ROOT / "models" / "retail-bank"), str(mapping), "--json"]
    ratios = []
    with tempfile.TemporaryDirectory() as scratch:
        draft = [*silomap, "draft", str(log), str(mapping), "-o", str(Path(scratch) / "draft"), "--force"]
        for _ in range(max(1, args.repeat)):  # alternately, so both see the same noise
            seen, seen_mem = _run(observe)
            drafted, drafted_mem = _run(draft)
            ratios.append(drafted / seen)
            print(
                f"silomap observe {seen:5.1f} s ({seen_mem:.2f} GiB peak); silomap draft {drafted:5.1f} s "
                f"({drafted_mem:.2f} GiB peak): draft takes {drafted / seen:.2f}x observe's time, "
                f"{drafted_mem / seen_mem:.2f}x its peak memory"
            )
        print((Path(scratch) / "draft" / "draft-report.md").read_text().split("\n## Assumed")[0])
    print(f"median ratio over {len(ratios)} pairs: {statistics.median(ratios):.2f}x (goal: 2x or less)")


if __name__ == "__main__":
    main()
