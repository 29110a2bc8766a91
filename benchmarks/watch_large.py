"""Benchmark: `silomap watch` on a large time-ordered stream on standard input, against `silomap observe`
on the same file (watch.md, "Bounds").

Writes (deterministically, once) the stream of watch.md's bound to benchmarks/out/watch: silomap's own
generator's cases on the bundled retail-bank model (its journeys' steps, skipped self-service, bounces,
repeated steps), each lengthened by a tail of follow-ups by its last team (8.3 events a case in all),
arriving steadily (one every ``gap`` seconds, with jitter) so that about 5,700 are open at a time in a
watch (a case stays open for its length plus the default --idle 72h), a quarter of them a recent
customer coming back; all eight columns mapped, merged into time order (ties: as generated). Then runs,
each in a fresh process:

- observe: ``silomap observe MODEL MAPPING --json`` on the file;
- watch:   ``silomap watch MODEL MAPPING --json --every 0 --every-events N < file`` (the default --idle
           72h closes cases as the stream goes; no case pauses that long, so none reopens and the final
           figures must equal observe's).

Prints the stream's shape (events, cases, open cases at the watch's 50 summaries: max and mean), each
one's time and peak memory (RSS), watch's time as a ratio to observe's, the events per second, and
whether the final figures equal observe's, field by field.
Goals (issue #30): peak RSS under 1 GiB, within 4x observe, the same figures. Usage:
python benchmarks/watch_large.py [--events 10000000] [--out benchmarks/out/watch]
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import heapq
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
# the fields of watch.md's test of record
FIELDS = (
    "cases", "events", "handoffs_per_case", "transfers_per_case", "ping_pong_per_case", "systems_per_case",
    "channel_switches_per_case", "transfer_rate", "ping_pong_rate", "repeat_rate", "fcr_rate", "unmapped",
    "unmatched_cases", "handoff_matrix", "transfer_matrix", "journeys",
)  # fmt: skip


# the stream of watch.md's "Bounds": the generator's cases, each lengthened by follow-ups, arriving
# steadily over a span chosen so that about OPEN cases are open in a watch (idle 72h) at a time
OPEN = 5_700  # open cases at a time, as watch.md's bound states
IDLE = 72 * 3_600  # seconds: a watch's default --idle (a case stays open this long after its last event)
EVENTS_PER_CASE = 8.3  # 10M events in about 1.2M cases
FOLLOW = 0.86  # the chance of one more follow-up: 0.86 / 0.14 = 6.1 more events a case with a team
REPEAT, RECENT = 0.25, 4_000  # a quarter of the cases are a recent case's customer coming back


def _cases(model, seed: int) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """Each case as the generator makes it (seed ``seed``) plus a geometric tail of follow-ups by its
    last team (6.1 more on average, at most 60, 1 to 180 minutes apart): its events' offsets from
    its first (seconds) and its rows."""
    from silomap._observed.synthetic import synthetic_events

    rng = random.Random(seed)
    for _, group in itertools.groupby(synthetic_events(model, 10**8, seed=seed), key=lambda e: e[0]):
        rows = [list(e) for e in group]
        times = [datetime.datetime.fromisoformat(r[2]) for r in rows]
        offsets = [int((t - times[0]).total_seconds()) for t in times]
        staff = [r for r in rows if r[4] is not None]
        extra = 0
        while staff and rng.random() < FOLLOW and extra < 60:
            extra += 1
            last = staff[-1]
            offsets.append(offsets[-1] + 60 * rng.randrange(1, 180))
            rows.append([last[0], "Add note", None, f"{last[3].rsplit('-', 1)[0]}-{rng.randrange(20)}",
                         last[4], "internal", last[6], last[7]])  # fmt: skip
        yield offsets, rows


def spec_stream(model, events: int, seed: int = 30) -> Iterator[list[Any]]:
    """``events`` rows in time order (ties: as generated): cases arriving one every ``gap`` seconds
    (with jitter), ``gap`` set from the first 5,000 cases' mean length so that about :data:`OPEN`
    are open at a time in a watch; a quarter of the cases are a customer of one of the last
    4,000 cases coming back."""
    pilot = list(itertools.islice(_cases(model, seed), 5_000))
    mean = statistics.fmean(o[-1] for o, _ in pilot)
    gap = (mean + IDLE) / OPEN  # open cases = arrivals per second x (a case's length + the idle wait)
    rng, recent, start = random.Random(seed + 1), collections.deque(maxlen=RECENT), START.timestamp()
    heap: list[tuple[float, int, list[Any]]] = []
    written = seq = 0
    for n, (offsets, rows) in enumerate(_cases(model, seed)):
        if written >= events:
            break
        begin = start + n * gap + rng.random() * gap
        customer = rng.choice(recent) if recent and rng.random() < REPEAT else f"cust-{n:08d}"
        recent.append(customer)
        while heap and heap[0][0] <= begin:
            yield _timed(heapq.heappop(heap))
        for offset, row in itertools.islice(zip(offsets, rows, strict=True), events - written):
            row[7], seq = customer, seq + 1
            heapq.heappush(heap, (begin + offset, seq, row))
            written += 1
    while heap:
        yield _timed(heapq.heappop(heap))


def _timed(item: tuple[float, int, list[Any]]) -> list[Any]:
    at, _, row = item
    row[2] = datetime.datetime.fromtimestamp(int(at), datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return row


def _run(command: list[str], stdin: Path | None = None) -> tuple[float, float, float, str]:
    """Seconds (wall), seconds of CPU (user and system), peak RSS (GiB) and standard output of one child
    process (``wait4``: that child alone)."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as given:
        child = subprocess.Popen(command, stdin=given, stdout=subprocess.PIPE, text=True)
        out = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command[3]} exited with {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024 / 1024, out


def _stream(events: int, out: Path) -> tuple[Path, Path]:
    """The stream written once as CSV, and its mapping (every column mapped)."""
    import silomap
    from silomap._observed.synthetic import HEADER, mapping_text

    out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    stream = out / f"stream-{events}.csv"
    if not stream.exists():
        start = time.perf_counter()
        partial = stream.with_name(f".{stream.name}")
        with partial.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(["" if v is None else v for v in row] for row in spec_stream(model, events))
        partial.replace(stream)
        print(f"wrote {stream.name} in {time.perf_counter() - start:.0f} s")
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
    observe_s, observe_cpu, observe_mem, observed = _run([*silomap, "observe", model, str(mapping), "--json"])
    every = str(max(1, args.events // 50))
    watch_cmd = [*silomap, "watch", model, str(mapping), "--json", "--every", "0", "--every-events", every]
    watch_s, watch_cpu, watch_mem, watched = _run(watch_cmd, stdin=stream)
    lines = [json.loads(line) for line in watched.splitlines()]
    final, seen = lines[-1], json.loads(observed)
    events = final["events_read"]
    opened = [o["open_cases"] for o in lines if o["type"] == "summary" and not o["final"]]
    print(f"stream: {events:,} events, {final['cases']:,} cases ({events / final['cases']:.1f} events a case); "
          f"open cases at the {len(opened)} summaries (every {int(every):,} events): "
          f"max {max(opened):,}, mean {statistics.fmean(opened):,.0f}")  # fmt: skip
    print(
        f"observe {observe_s:6.1f} s ({observe_cpu:.1f} s of CPU on {os.cpu_count()} cores; {observe_mem:.2f} GiB peak)"
    )
    print(f"watch   {watch_s:6.1f} s ({watch_cpu:.1f} s of CPU; {watch_mem:.2f} GiB peak): {watch_s / observe_s:.1f}x "
          f"observe (goal: 4x or less; {watch_cpu / observe_cpu:.1f}x its CPU), {events / watch_s:,.0f} events a "
          f"second, peak RSS goal 1 GiB; load average {os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    differ = [k for k in FIELDS if final[k] != seen[k]]
    print(f"final figures equal observe's, field by field ({len(FIELDS)} fields, journeys whole): "
          f"{'yes' if not differ else 'no: ' + ', '.join(differ)} ({final['reopened']} reopened)")  # fmt: skip


if __name__ == "__main__":
    main()
