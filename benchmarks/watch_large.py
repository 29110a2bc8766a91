"""Benchmark: `silomap watch` on a large time-ordered stream on standard input, against `silomap observe`
on the same file (watch.md, "Bounds").

Writes (deterministically, once) the synthetic log of benchmarks/observe_large.py (silomap's generator on
the bundled retail-bank model), ordered by time with DuckDB (ties as generated) so that it is a stream,
then runs, each in a fresh process:

- observe: ``silomap observe MODEL MAPPING --json`` on the file;
- watch:   ``silomap watch MODEL MAPPING --json --every 0 --every-events N < file`` (the default --idle
           72h closes cases as the stream goes; no case of this generator pauses that long, so none
           reopens and the final figures must equal observe's).

Prints each one's time and peak memory (RSS), watch's time as a ratio to observe's, the events per
second, the open cases at each summary, and whether the final figures equal observe's, field by field.
Goals (issue #30): peak RSS under 1 GiB, within 4x observe, the same figures. Usage:
python benchmarks/watch_large.py [--events 10000000] [--out benchmarks/out/watch]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the fields of watch.md's test of record
FIELDS = (
    "cases", "events", "handoffs_per_case", "transfers_per_case", "ping_pong_per_case", "systems_per_case",
    "channel_switches_per_case", "transfer_rate", "ping_pong_rate", "repeat_rate", "fcr_rate", "unmapped",
    "unmatched_cases", "handoff_matrix", "transfer_matrix", "journeys",
)  # fmt: skip


def _run(command: list[str], stdin: Path | None = None) -> tuple[float, float, str]:
    """Seconds, peak RSS (GiB) and standard output of one child process (``wait4``: that child alone)."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as given:
        child = subprocess.Popen(command, stdin=given, stdout=subprocess.PIPE, text=True)
        out = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command[3]} exited with {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_maxrss / 1024 / 1024, out


def _stream(events: int, out: Path) -> tuple[Path, Path]:
    """The log ordered by time, and its mapping (written once)."""
    import duckdb

    import silomap
    from silomap._observed.synthetic import mapping_text, write_csv

    out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    log, stream = out / f"log-{events}.csv", out / f"stream-{events}.csv"
    if not stream.exists():
        cases = max(1, events * 10 // 41)  # about 4.1 events a case in this model, as observe_large.py
        start = time.perf_counter()
        written = write_csv(model, log, cases, seed=14)
        con = duckdb.connect()
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{log}', all_varchar=true, header=true)")
        con.execute(f"COPY (SELECT * FROM t ORDER BY \"time:timestamp\", rowid) TO '{stream}' (HEADER)")
        log.unlink()
        print(f"wrote {stream.name}: {written:,} events, {cases:,} cases, in time order, in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
    mapping = out / f"mapping-{events}.yaml"
    mapping.write_text(mapping_text(model, stream.name))
    return stream, mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "watch")
    parser.add_argument("--prepare", action="store_true", help="only write the stream (run in a child)")
    args = parser.parse_args()
    if args.prepare:
        _stream(args.events, args.out)
        return
    # written by a child process, so that no child measured below inherits its memory
    prepare = [sys.executable, __file__, "--prepare", "--events", str(args.events), "--out", str(args.out)]
    subprocess.run(prepare, check=True)
    stream, mapping = _stream(args.events, args.out)
    model = str(ROOT / "models" / "retail-bank")
    silomap = [sys.executable, "-m", "silomap"]
    observe_s, observe_mem, observed = _run([*silomap, "observe", model, str(mapping), "--json"])
    every = str(max(1, args.events // 10))
    watch_cmd = [*silomap, "watch", model, str(mapping), "--json", "--every", "0", "--every-events", every]
    watch_s, watch_mem, watched = _run(watch_cmd, stdin=stream)
    lines = [json.loads(line) for line in watched.splitlines()]
    final, seen = lines[-1], json.loads(observed)
    events = final["events_read"]
    print(f"observe {observe_s:6.1f} s ({observe_mem:.2f} GiB peak)")
    print(f"watch   {watch_s:6.1f} s ({watch_mem:.2f} GiB peak): {watch_s / observe_s:.1f}x observe "
          f"(goal: 4x or less), {events / watch_s:,.0f} events a second, peak RSS goal 1 GiB")  # fmt: skip
    opened = [o["open_cases"] for o in lines if o["type"] == "summary" and not o["final"]]
    print(f"open cases at each summary (every {int(every):,} events): {', '.join(f'{n:,}' for n in opened)}")
    differ = [k for k in FIELDS if final[k] != seen[k]]
    print(f"final figures equal observe's: {'yes' if not differ else 'no: ' + ', '.join(differ)} "
          f"({final['cases']:,} cases, {final['events']:,} events, {final['reopened']} reopened)")  # fmt: skip


if __name__ == "__main__":
    main()
