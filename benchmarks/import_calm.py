"""Benchmark: importing generated FINOS CALM architectures, and how the time grows with the file.

Writes two deterministic architectures, one twice the other (N services in a ring of ``connects``,
a webclient the customer uses, and N/30 flows of 10 transitions each, replies included), then
times ``silomap import calm FILE -o OUT`` on each in a fresh process, validation included, and
``silomap validate`` on what the larger one made. It prints the times and two ratios measured in
this run: the larger import over the smaller (2.0 is linear growth), and the import over
validating its own result (what reading CALM adds to loading the model).

Usage: python benchmarks/import_calm.py [N]   (default 3000)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def architecture(n: int) -> dict[str, object]:
    nodes = [{"unique-id": "web", "node-type": "webclient", "name": "Web", "description": "front end"}]
    nodes += [{"unique-id": "customer", "node-type": "actor", "name": "Customer", "description": "who buys"}]
    nodes += [
        {"unique-id": f"s{i}", "node-type": "service", "name": f"Service {i}", "description": "a service"}
        for i in range(n)
    ]
    rels: list[dict[str, object]] = [
        {"unique-id": "uses", "relationship-type": {"interacts": {"actor": "customer", "nodes": ["web"]}}}
    ]
    for i in range(n):
        ends = {"source": {"node": f"s{i}"}, "destination": {"node": f"s{(i + 1) % n}"}}
        rels.append({"unique-id": f"r{i}", "protocol": "HTTPS", "relationship-type": {"connects": ends}})
    flows = []
    for k in range(n // 30):
        steps = [{"relationship-unique-id": "uses", "sequence-number": 1, "description": "start"}]
        for j in range(9):
            direction = "destination-to-source" if j % 2 else "source-to-destination"
            rel = f"r{(k * 7 + j // 2) % n}"
            step = {"relationship-unique-id": rel, "sequence-number": j + 2, "description": f"step {j}"}
            steps.append(step | {"direction": direction})
        flows.append({"unique-id": f"f{k}", "name": f"Flow {k}", "description": "d", "transitions": steps})
    return {"nodes": nodes, "relationships": rels, "flows": flows}


def timed(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "silomap", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr)
    return seconds


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for size in (n, 2 * n):
            path = Path(tmp) / f"arch-{size}.json"
            path.write_text(json.dumps(architecture(size), indent=1), encoding="utf-8")
            mib = path.stat().st_size / 2**20
            times[size] = timed("import", "calm", str(path), "-o", f"{tmp}/out-{size}")
            print(f"{size:,} services, {size // 30} flows ({mib:.1f} MiB): imported in {times[size]:.2f} s")
        check = timed("validate", f"{tmp}/out-{2 * n}")
        print(f"validating what the larger one made: {check:.2f} s")
        print(f"twice the file: {times[2 * n] / times[n]:.2f} times the time (2.00 is linear)")
        print(f"import over validating its result: {times[2 * n] / check:.2f}")


if __name__ == "__main__":
    main()
