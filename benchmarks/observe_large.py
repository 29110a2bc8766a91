"""Benchmark: `silomap observe` on a large synthetic log against a bare DuckDB scan of the same columns.

Writes (deterministically, once) a CSV log of about ``--events`` events made by silomap's generator
from the bundled retail-bank model (realistic case lengths: the journeys' steps plus skipped
self-service, bounces to another team and back, repeated steps and a geometric tail of
follow-ups), then runs, each in a fresh process:

- bare:    DuckDB reads the mapped columns of the CSV (counting each one's values, so none is pruned)
           and counts distinct cases (nothing else);
- silomap: ``silomap observe MODEL MAPPING --json`` (every figure of observed.md);
- spark:   with ``--spark``, the same command on Spark in local mode, and whether its JSON is identical;
- pm4py:   pm4py's handover-of-work network on the same file (read by pandas and formatted with
           ``format_dataframe``, as pm4py's docs do; ``--pm4py-way eventlog`` converts it to an EventLog
           first), when pm4py is installed here or in ``--pm4py-python`` (optional).

Bare scan and silomap run alternately ``--repeat`` times (3), each pair's ratio printed, then the median.

Prints the times, their ratios and peak memory (RSS). Goals (issue #14): silomap within 6x the
bare scan, at least 20x faster than pm4py. Usage:
python benchmarks/observe_large.py [--events 10000000] [--out benchmarks/out/observe] [--memory-limit 8GB]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import duckdb, sys
con = duckdb.connect()
cols = ['"case:concept:name"', '"concept:name"', '"time:timestamp"', '"org:resource"', '"org:group"', "channel", "system", "customer_id"]
counts = ", ".join(f"count({c})" for c in cols)  # each mapped column read, none pruned
print(con.execute(f"SELECT count(DISTINCT \\"case:concept:name\\"), {counts} FROM read_csv(?, all_varchar=true)", [sys.argv[1]]).fetchall())
"""

# pm4py's documented way for a CSV: pandas reads it, format_dataframe parses the times and sorts each
# case; "eventlog" then converts to pm4py's EventLog objects (the older API, much slower)
PM4PY = """
import sys, pandas as pd, pm4py
frame = pd.read_csv(sys.argv[1], dtype=str)
frame = pm4py.format_dataframe(frame, case_id="case:concept:name", activity_key="concept:name",
                               timestamp_key="time:timestamp")
log = pm4py.convert_to_event_log(frame) if sys.argv[2] == "eventlog" else frame
net = pm4py.discover_handover_of_work_network(log)
print(len(net.connections))
"""


def _run(command: list[str], quiet: bool = False) -> tuple[float, float]:
    """Seconds and peak RSS (GiB) of one child process (``wait4`` reports that child alone)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet else None)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{command[0]} exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "observe")
    parser.add_argument("--memory-limit", default=None)
    parser.add_argument("--spark", action="store_true", help="also run the Spark engine and compare")
    parser.add_argument("--parquet", action="store_true", help="convert the log to Parquet first (not timed)")
    parser.add_argument(
        "--pm4py-python", default=None, help="a Python with pm4py installed (pm4py is no silomap dependency)"
    )
    parser.add_argument("--pm4py-way", choices=("dataframe", "eventlog"), default="dataframe")
    parser.add_argument(
        "--repeat", type=int, default=3, help="bare scan and silomap, alternately, this often"
    )
    args = parser.parse_args()

    import silomap
    from silomap._observed.synthetic import mapping_text, write_csv

    args.out.mkdir(parents=True, exist_ok=True)
    model = silomap.load(ROOT / "models" / "retail-bank")
    log = args.out / f"log-{args.events}.csv"
    if not log.exists():
        cases = max(1, args.events * 10 // 41)  # about 4.1 events a case in this model
        start = time.perf_counter()
        written = write_csv(model, log, cases, seed=14)
        print(f"wrote {log.name}: {written:,} events, {cases:,} cases in {time.perf_counter() - start:.0f} s")
    if args.parquet:
        import duckdb

        parquet = log.with_suffix(".parquet")
        if not parquet.exists():
            duckdb.connect().execute(
                f"COPY (SELECT * FROM read_csv('{log}', all_varchar=true)) TO '{parquet}'"
            )
        log = parquet
    mapping = args.out / f"mapping-{args.events}{'-parquet' if args.parquet else ''}.yaml"
    mapping.write_text(mapping_text(model, log.name))

    bare_command = [
        sys.executable,
        "-c",
        BARE.replace("read_csv(?, all_varchar=true)", "read_parquet(?)") if args.parquet else BARE,
        str(log),
    ]
    command = [
        sys.executable,
        "-m",
        "silomap",
        "observe",
        str(ROOT / "models" / "retail-bank"),
        str(mapping),
        "--json",
    ]
    if args.memory_limit:
        command += ["--memory-limit", args.memory_limit]
    ratios, ours = [], 0.0
    for _ in range(max(1, args.repeat)):  # alternately, so both see the same noise
        bare, bare_mem = _run(bare_command)
        ours, ours_mem = _run(command)
        ratios.append(ours / bare)
        print(
            f"bare DuckDB scan {bare:5.1f} s ({bare_mem:.2f} GiB peak); silomap observe {ours:5.1f} s "
            f"({ours_mem:.2f} GiB peak): {ours / bare:.1f}x the bare scan"
        )
    print(f"median ratio over {len(ratios)} pairs: {statistics.median(ratios):.1f}x (goal: 6x or less)")
    if args.spark:
        duck = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        start = time.perf_counter()
        env = {**os.environ, "PYSPARK_SUBMIT_ARGS": "--driver-memory 12g pyspark-shell"}
        spark = subprocess.run(
            [*command, "--engine", "spark"], check=True, capture_output=True, text=True, env=env
        )
        same = json.loads(spark.stdout) == json.loads(duck)
        print(f"spark (local[2]): {time.perf_counter() - start:.1f} s; identical JSON: {same}")
    python = args.pm4py_python or sys.executable
    if subprocess.run([python, "-c", "import pm4py"], capture_output=True).returncode:
        print("pm4py: not installed (pip install pm4py, or --pm4py-python PATH, to compare)")
        return
    theirs, theirs_mem = _run([python, "-c", PM4PY, str(log), args.pm4py_way], quiet=True)  # a banner
    print(
        f"pm4py handover ({args.pm4py_way}): {theirs:.1f} s ({theirs_mem:.2f} GiB peak); "
        f"silomap's last run is {theirs / ours:.1f}x faster"
    )


if __name__ == "__main__":
    main()
