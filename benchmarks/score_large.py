"""Benchmark: `silomap score --json` on a large landscape against a bare PyYAML parse.

Generates (deterministically) a model of 2,000 systems, 6,000 integrations,
40 entities, 60 teams, 500 questions and 2,000 journeys of up to 12 steps as
a directory of YAML files, then runs, each in a fresh process and each
``--repeat`` times (the best run counts):

- bare:    parse every file with PyYAML's C loader (yaml.CSafeLoader), nothing else;
- silomap: ``silomap score DIR --json`` (load, validate, analyze, print JSON).

Prints both times, their ratio, and silomap's peak memory. Target: ratio <= 2,
peak < 1 GiB. Usage: python benchmarks/score_large.py [--out DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

SIZES = {
    "systems": 2000,
    "integrations": 6000,
    "entities": 40,
    "teams": 60,
    "questions": 500,
    "journeys": 2000,
}
KINDS = ["crm", "erp", "billing", "core", "web", "mobile-app", "ticketing", "spreadsheet", "other"]
CHANNELS = ["web", "mobile", "phone", "chat", "email", "branch", "internal"]


def generate(out: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    teams = [f"team-{i:03d}" for i in range(SIZES["teams"])]
    entities = [f"entity-{i:03d}" for i in range(SIZES["entities"])]
    systems = [f"system-{i:04d}" for i in range(SIZES["systems"])]
    holds = {s: rng.sample(entities, rng.randint(0, 4)) for s in systems}
    for i, e in enumerate(entities):
        holds[systems[i]].append(e) if e not in holds[systems[i]] else None
    dump = lambda name, data: (out / name).write_text(yaml.safe_dump(data, sort_keys=False))  # noqa: E731
    dump("model.yaml", {"silomap": 1, "name": "Benchmark landscape"})
    dump("teams.yaml", {"teams": [{"id": t, "name": f"Team {t}"} for t in teams]})
    dump("entities.yaml", {"entities": [{"id": e} for e in entities]})
    dump(
        "systems.yaml",
        {
            "systems": [
                {
                    "id": s,
                    "name": f"System {s}",
                    "kind": rng.choice(KINDS),
                    "owner": rng.choice(teams),
                    "holds": holds[s],
                }
                for s in systems
            ]
        },
    )
    links = []
    for _ in range(SIZES["integrations"]):
        a, b = rng.sample(systems, 2)
        links.append(
            {
                "from": a,
                "to": b,
                "carries": rng.sample(entities, rng.randint(1, 3)),
                "mode": rng.choice(["realtime", "realtime", "batch", "file", "manual"]),
            }
        )
    dump("integrations.yaml", {"integrations": links})
    questions = [f"question-{i:03d}" for i in range(SIZES["questions"])]
    dump(
        "questions.yaml",
        {
            "questions": [
                {
                    "id": q,
                    "text": f"Question {q}?",
                    "needs": rng.sample(entities, rng.randint(1, 6)),
                    "volume": rng.randint(10, 5000),
                }
                for q in questions
            ]
        },
    )
    per_file = 200
    for f in range(SIZES["journeys"] // per_file):
        journeys = []
        for j in range(f * per_file, (f + 1) * per_file):
            steps = []
            for k in range(rng.randint(1, 12)):
                steps.append(
                    {
                        "id": f"step-{k:02d}",
                        "name": f"Step {k} of journey {j}",
                        "actor": rng.choice(["customer", *rng.sample(teams, 3)]),
                        "channel": rng.choice(CHANNELS),
                        "systems": rng.sample(systems, rng.randint(0, 4)),
                        "captures": rng.sample(entities, rng.randint(0, 3)),
                        "reads": rng.sample(entities, rng.randint(0, 2)),
                        "answers": rng.sample(questions, rng.randint(0, 1)),
                    }
                )
            journeys.append(
                {
                    "id": f"journey-{j:04d}",
                    "name": f"Journey {j}",
                    "stage": rng.choice(["discovery", "sales", "after-sales"]),
                    "volume": rng.randint(1, 1000),
                    "steps": steps,
                }
            )
        dump(f"journeys-{f:02d}.yaml", {"journeys": journeys})


BARE = (
    "import sys, pathlib, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


def timed(cmd: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "large")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.out / "model.yaml").exists():
        generate(args.out)
    size = sum(p.stat().st_size for p in args.out.glob("*.yaml"))
    print(f"model: {args.out} ({size / 2**20:.1f} MiB of YAML)")
    bare = min(timed([sys.executable, "-c", BARE, str(args.out)])[0] for _ in range(args.repeat))
    runs = [
        timed([sys.executable, "-m", "silomap", "score", str(args.out), "--json"]) for _ in range(args.repeat)
    ]
    best = min(t for t, _ in runs)
    peak_kib = max(m for _, m in runs)
    print(f"bare PyYAML C parse:     {bare:6.2f} s")
    print(f"silomap score --json:    {best:6.2f} s")
    print(f"ratio silomap / bare:    {best / bare:6.2f}  (target <= 2)")
    print(f"peak memory (max RSS):   {peak_kib / 1024:6.0f} MiB  (target < 1024)")


if __name__ == "__main__":
    main()
