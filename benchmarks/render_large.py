"""Benchmark: rendering the landscape of a 2,000-system model to SVG.

Uses the model of ``score_large.py`` (generated on first use) and times
``silomap render --view landscape -o out.svg`` in a fresh process, with the
embedded Graphviz (WebAssembly) and, when ``dot`` is on PATH, the system one.
From 400 systems and lines together the landscape is grouped by owner by default; the
target is under 60 seconds. A 300-system expanded landscape is timed too, as
the largest view a person would still read system by system.

Usage: python benchmarks/render_large.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from score_large import generate


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    return elapsed, "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[:120]}"


def main() -> None:
    big = Path(__file__).parent / "out" / "large"
    if not (big / "model.yaml").exists():
        generate(big)
    small = Path(__file__).parent / "out" / "landscape-300"
    if not (small / "model.yaml").exists():
        small.mkdir(parents=True)
        for name in ("model.yaml", "teams.yaml", "entities.yaml"):
            shutil.copy(big / name, small / name)
        systems = yaml.safe_load((big / "systems.yaml").read_text())["systems"][:300]
        keep = {s["id"] for s in systems}
        links = [
            i
            for i in yaml.safe_load((big / "integrations.yaml").read_text())["integrations"]
            if i["from"] in keep and i["to"] in keep
        ]
        (small / "systems.yaml").write_text(yaml.safe_dump({"systems": systems}))
        (small / "integrations.yaml").write_text(yaml.safe_dump({"integrations": links}))
        print(f"300-system model: {len(links)} integrations between them")
    renderers = ["embedded"] + (["system"] if shutil.which("dot") else [])
    with tempfile.TemporaryDirectory() as out:
        for label, model, extra in (
            ("2,000 systems, grouped (default)", big, []),
            ("300 systems, --expand", small, ["--expand"]),
        ):
            for renderer in renderers:
                target = Path(out) / f"{renderer}.svg"
                cmd = [
                    sys.executable,
                    "-m",
                    "silomap",
                    "render",
                    str(model),
                    "--renderer",
                    renderer,
                    "-o",
                    str(target),
                    *extra,
                ]
                seconds, status = timed(cmd)
                size = target.stat().st_size // 1024 if target.exists() else 0
                print(f"{label:<34} {renderer:<9} {seconds:6.1f} s  {size:6} KiB  {status}")


if __name__ == "__main__":
    main()
