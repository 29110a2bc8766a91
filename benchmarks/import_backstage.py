"""Benchmark: importing a generated Backstage catalog of 2,000 entities (target: under 10 seconds).

Writes a deterministic catalog as 20 multi-document files in a folder: 100 groups, 150 systems,
1,250 components (four in five belong to a system), 100 resources and 400 APIs, with
providesApis, consumesApis and dependsOn between them, then times ``silomap import backstage DIR
-o OUT`` in a fresh process, validation included, and prints what the import made.

Usage: python benchmarks/import_backstage.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _doc(kind: str, name: str, spec: dict[str, object], title: str | None = None) -> str:
    lines = ["apiVersion: backstage.io/v1alpha1", f"kind: {kind}", "metadata:", f"  name: {name}"]
    if title:
        lines.append(f"  title: {title}")
    lines.append("spec:")
    for key, value in spec.items():
        shown = "[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, list) else value
        lines.append(f"  {key}: {shown}")
    return "\n".join(lines)


def generate(folder: Path, seed: int = 15) -> int:
    rng = random.Random(seed)
    groups = [f"team-{i}" for i in range(100)]
    systems = [f"system-{i}" for i in range(150)]
    components = [f"component-{i}" for i in range(1250)]
    resources = [f"db-{i}" for i in range(100)]
    apis = [f"api-{i}" for i in range(400)]
    docs = [_doc("Group", g, {"type": "team"}, f"Team {i}") for i, g in enumerate(groups)]
    docs += [_doc("System", s, {"owner": rng.choice(groups)}, f"System {i}") for i, s in enumerate(systems)]
    provider = {a: rng.choice(components) for a in apis}
    for i, c in enumerate(components):
        spec: dict[str, object] = {
            "type": rng.choice(["service", "website", "library", "mobile-app"]),
            "owner": rng.choice(groups),
        }
        if i % 5:
            spec["system"] = rng.choice(systems)
        provided = [a for a in apis if provider[a] == c]
        if provided:
            spec["providesApis"] = provided
        spec["consumesApis"] = rng.sample(apis, 2)
        spec["dependsOn"] = [f"resource:{rng.choice(resources)}"]
        docs.append(_doc("Component", c, spec))
    docs += [_doc("Resource", r, {"type": "database", "owner": rng.choice(groups)}) for r in resources]
    docs += [
        _doc("API", a, {"type": "openapi", "owner": rng.choice(groups)}, f"API {i}")
        for i, a in enumerate(apis)
    ]
    for n in range(20):
        (folder / f"catalog-{n:02d}.yaml").write_text("\n---\n".join(docs[n::20]) + "\n", encoding="utf-8")
    return len(docs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / "catalog"
        catalog.mkdir()
        entities = generate(catalog)
        start = time.perf_counter()
        command = [sys.executable, "-m", "silomap", "import", "backstage", str(catalog), "-o", f"{tmp}/out"]
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(done.stderr)
        print(f"{entities:,} entities in 20 files: imported in {seconds:.2f} s (validation included)")
        print(done.stdout.strip())


if __name__ == "__main__":
    main()
