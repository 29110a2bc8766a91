"""Benchmark: importing a 3,000-element ArchiMate exchange file (target: under 10 seconds).

Generates a deterministic Open Group exchange file: 1,000 application components,
600 data objects, 200 business actors and roles, 1,200 business processes in
chains of 6 linked by triggering, and 6,000 relationships (flows between
components, accesses, assignments, serving), then times
``silomap import archimate FILE -o DIR`` in a fresh process, validation included.

Usage: python benchmarks/import_archimate.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape


def generate(path: Path, seed: int = 3) -> int:
    rng = random.Random(seed)
    elements: list[tuple[str, str, str]] = []
    comps = [f"c{i}" for i in range(1000)]
    data = [f"d{i}" for i in range(600)]
    roles = [f"r{i}" for i in range(200)]
    procs = [f"p{i}" for i in range(1200)]
    elements += [(c, "ApplicationComponent", f"Application {i}") for i, c in enumerate(comps)]
    elements += [(d, "DataObject", f"Data {i}") for i, d in enumerate(data)]
    elements += [(r, "BusinessRole" if i % 2 else "BusinessActor", f"Role {i}") for i, r in enumerate(roles)]
    elements += [(p, "BusinessProcess", f"Process {i}") for i, p in enumerate(procs)]
    rels: list[tuple[str, str, str, str]] = []
    for _ in range(2500):
        a, b = rng.sample(comps, 2)
        rels.append((a, b, "Flow", rng.choice(["", f"Data {rng.randrange(600)}"])))
    rels += [(rng.choice(comps), rng.choice(data), "Access", "") for _ in range(1500)]
    rels += [(procs[i], procs[i + 1], "Triggering", "") for i in range(len(procs) - 1) if (i + 1) % 6]
    rels += [(rng.choice(roles), p, "Assignment", "") for p in procs]
    rels += [(rng.choice(comps), p, "Serving", "") for p in procs[: 6000 - len(rels)]]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="bench">',
        "<name>Benchmark enterprise</name>",
        "<elements>",
    ]
    for key, kind, name in elements:
        out.append(f'<element identifier="{key}" xsi:type="{kind}"><name>{escape(name)}</name></element>')
    out += ["</elements>", "<relationships>"]
    for i, (a, b, kind, name) in enumerate(rels):
        label = f"<name>{escape(name)}</name>" if name else ""
        out.append(
            f'<relationship identifier="rel{i}" source="{a}" target="{b}" xsi:type="{kind}">{label}</relationship>'
        )
    out += ["</relationships>", "</model>"]
    path.write_text("\n".join(out), encoding="utf-8")
    return len(elements)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "enterprise.xml"
        count = generate(source)
        start = time.perf_counter()
        command = [sys.executable, "-m", "silomap", "import", "archimate", str(source), "-o", f"{tmp}/model"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        print(f"{count:,} elements, {source.stat().st_size / 2**20:.1f} MiB: {seconds:.1f} s (target < 10 s)")
        print(done.stdout.strip() or done.stderr.strip()[:500])


if __name__ == "__main__":
    main()
