"""Benchmark: a 4 MiB CALM architecture of 60,000 transitions imported with libyaml's emitter and with
PyYAML's own, and the same transitions in one flow, refused.

Writes three deterministic architectures (``tests/architectures.py``) (compact JSON, under the reader's 5 MiB): 2,000 services in
a ring of ``connects``, a webclient the customer uses, and

- wide: 6,000 flows of 10 transitions (60,000 steps in 6,000 journeys): imported;
- long: one flow of 20,000 transitions, each described in 120 characters: a journey of over 5 MiB
  of YAML, which no model file can hold, refused with its place in the file (SM002, exit 2), nothing
  written, once the journey is written (the emitter's work);
- longest: one flow of 60,000 transitions: a journey of over 1,000,000 YAML nodes, refused the same
  way before it is written.

Each is run by ``silomap import calm FILE -o OUT`` in a fresh process, once with each emitter (the
process sets ``silomap._model.yaml_files.EMITTER``), measuring its wall time and its peak memory
(the child's maximum resident set). Prints each run, then the ratios python / libyaml measured in
this run, and whether both emitters wrote the same bytes.

Usage: python benchmarks/import_large.py
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.architectures import architecture

TRANSITIONS = 60_000
RUN = (
    "import sys, silomap._model.yaml_files as y; y.EMITTER = sys.argv[1]; "
    "from silomap._cli import main; sys.exit(main(sys.argv[2:]))"
)


def reaped(emitter: str, source: Path, out: Path) -> tuple[int, float, float, str]:
    """Import ``source`` in a fresh process: exit code, seconds, peak MiB (the child's own rusage, from
    ``os.wait4``) and the first line it said."""
    start = time.perf_counter()
    args = [sys.executable, "-c", RUN, emitter, "import", "calm", str(source), "-o", str(out)]
    with tempfile.TemporaryFile("w+") as said:
        child = subprocess.Popen(args, stdout=said, stderr=said, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        said.seek(0)
        lines = said.read().strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    return code, seconds, usage.ru_maxrss / 1024, lines[0] if lines else ""


def main() -> None:
    shapes = {"wide": (TRANSITIONS // 10, 10, 0), "long": (1, 20_000, 120), "longest": (1, TRANSITIONS, 0)}
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[tuple[str, str], tuple[int, float, float, str]] = {}
        for shape, (flows, steps, said) in shapes.items():
            source = Path(tmp) / f"{shape}.arch.json"
            made = architecture(flows, steps, said)
            source.write_text(json.dumps(made, separators=(",", ":")), encoding="utf-8")
            size = source.stat().st_size / 2**20
            print(
                f"{shape}: {flows:,} flow{'s' if flows > 1 else ''} of {steps:,} transitions, {size:.2f} MiB"
            )
            for emitter in ("libyaml", "python"):
                out = Path(tmp) / f"out-{shape}-{emitter}"
                code, seconds, peak, said = reaped(emitter, source, out)
                results[(shape, emitter)] = code, seconds, peak, said
                print(f"  {emitter:>7}: exit {code}, {seconds:6.2f} s, peak {peak:6.0f} MiB: {said[:150]}")
        for shape in shapes:
            fast, slow = results[(shape, "libyaml")], results[(shape, "python")]
            print(
                f"{shape}: python / libyaml: time {slow[1] / fast[1]:.2f}x, peak memory {slow[2] / fast[2]:.2f}x"
            )
        same = filecmp.dircmp(Path(tmp) / "out-wide-libyaml", Path(tmp) / "out-wide-python")
        alike = not (same.diff_files or same.left_only or same.right_only) and all(
            not sub.diff_files for sub in same.subdirs.values()
        )
        print(f"wide: both emitters wrote the same files: {alike}")


if __name__ == "__main__":
    main()
