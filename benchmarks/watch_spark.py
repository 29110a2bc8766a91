"""Benchmark: what Spark Structured Streaming costs a watch of a folder (``watch --engine spark``).

Writes (deterministically, once) a time-ordered synthetic log of about ``--events`` events made by
silomap's generator from the bundled retail-bank model, in ``--files`` CSV files landed in name
order, then, in one process and one run, watches the folder with ``--once``:

- folder: silomap's own folder source (each file read whole, in name order);
- spark:  Spark Structured Streaming finds the files (``Trigger.AvailableNow``), silomap's readers
          read their lines: Spark's start included, then without it (a second run, warm).

Checks that both give the same final summary, and prints the times, the events a second and the
ratios spark / folder. Usage:
python benchmarks/watch_spark.py [--events 1000000] [--files 16] [--out benchmarks/out/watch-spark]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _landed(log: Path, folder: Path, files: int) -> int:
    """The log, ordered by time, as ``files`` CSV files in ``folder``; the number of events."""
    with log.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows.sort(key=lambda r: r[2])  # ISO times in one zone: text order is time order
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // files)
    for n in range(files):
        with (folder / f"{n:04d}.csv").open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([header, *rows[n * size : (n + 1) * size]])
    return len(rows)


def _timed(model, mapping: Path, folder: Path, **options) -> tuple[float, dict]:
    import silomap

    start = time.perf_counter()
    *_, final = silomap.watch(model, mapping, source=str(folder), once=True, every=0, idle="off", **options)
    return time.perf_counter() - start, final.to_json()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "watch-spark")
    args = parser.parse_args()

    import silomap
    from silomap._observed.synthetic import mapping_text, write_csv

    args.out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    log = args.out / f"log-{args.events}.csv"
    if not log.exists():
        write_csv(model, log, max(1, args.events * 10 // 41), seed=14)  # about 4.1 events a case
    folder = args.out / f"landing-{args.events}-{args.files}"
    events = _landed(log, folder, args.files) if not folder.exists() else args.events
    mapping = args.out / "mapping.yaml"
    mapping.write_text(mapping_text(model, log.name))

    plain, by_folder = _timed(model, mapping, folder)
    cold, by_spark = _timed(model, mapping, folder, engine="spark")
    warm, again = _timed(model, mapping, folder, engine="spark")
    if not by_spark == again == by_folder:
        raise SystemExit("the final summaries differ")
    print(f"{events:,} events in {args.files} files; the same final summary from both sources")
    print(f"folder: {plain:.1f} s, {events / plain:,.0f} events/s")
    print(f"spark:  {cold:.1f} s with Spark's start, {warm:.1f} s without ({events / warm:,.0f} events/s)")
    print(f"spark / folder: {cold / plain:.2f} with its start, {warm / plain:.2f} without")


if __name__ == "__main__":
    main()
