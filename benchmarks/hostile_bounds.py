"""Inputs inside the documented limits that once took minutes or gigabytes: time and peak memory.

Each case builds its input in a temporary folder, runs one silomap command in a fresh
process, and prints the wall time, the peak resident memory and the exit code. Run it
on two versions to compare them (the figures are only comparable within one run):

    python benchmarks/hostile_bounds.py            # every case
    python benchmarks/hostile_bounds.py cover      # one case

Cases from issue 24, the model loader: a 13 MB directory model of short references (18,200
systems each holding 90 entities: dense-directory); a model file that is a FIFO nobody writes
to (fifo-model, which once waited forever).

Cases (from issue 9): did-you-mean over 20,000 ids with 200 unknown references; re-entry
classification of a 12,000-step journey; the set cover of a question over 11,000 systems;
a 13 MB directory model; 450,000 problems as JSON; a 50 MB name in ArchiMate; a landscape
of 299 systems and 2,500 integrations; the report of that landscape.

Cases from issue 24, the git family: the history of 100 commits of the retail bank where one
commit deleted the model and the next restored it; the same reached through a symlinked path;
one with a file name holding a line break; a revision of 6,000 model files (over the budget of
5,000, read whole by `diff --rev`).

Cases from issue 24, the importers family: 20,000 ArchiMate components (half of them called
alike) with 20,000 flows and 20,000 accesses.

Cases from issue 24, the what-if family: 200 and 2,000 what-if changes on a 500-system model.

Cases from issue 24, the observed logs: a log that is a FIFO (it blocked for ever: a bound of 20 s) and a
log linked to /dev/zero (it grew by 0.6 GiB a second: a bound of 8 s), each now refused at once.

Cases from issue 24, the observed logs' bounds: observe on a 32 KB .xes.gz holding one 32 MB
attribute, and with --memory-limit 500MB on one case of 4M events and on 1M teams.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUN = (
    "import resource, sys\n"
    "from silomap._cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _yaml(doc: dict[str, object]) -> str:
    return json.dumps(doc)  # JSON is YAML: quick to write, and the reader parses it the same way


def did_you_mean(folder: Path) -> list[str]:
    systems = [{"id": f"system-{i:05d}"} for i in range(20_000)]
    links = [{"from": f"system-{i:05d}", "to": f"sistem-{i:05d}", "carries": ["e"]} for i in range(200)]
    doc = {"silomap": 1, "name": "dym", "entities": [{"id": "e"}], "systems": systems, "integrations": links}
    (folder / "m.yaml").write_text(_yaml(doc))
    return ["validate", str(folder / "m.yaml")]


def long_journey(folder: Path) -> list[str]:
    # every step types the address into a system of its own, which nothing feeds: 11,999 silo re-entries
    systems = [{"id": f"s{i}", "holds": ["address"]} for i in range(12_000)]
    steps = [
        {
            "id": f"t{i}",
            "actor": "customer" if i % 2 else "agents",
            "channel": "web" if i % 2 else "phone",
            "systems": [f"s{i}"],
            "captures": ["address"],
        }
        for i in range(12_000)
    ]
    doc = {
        "silomap": 1,
        "name": "long",
        "teams": [{"id": "agents"}],
        "entities": [{"id": "address"}],
        "systems": systems,
        "journeys": [{"id": "j", "stage": "sales", "steps": steps}],
    }
    (folder / "m.yaml").write_text(_yaml(doc))
    return ["score", str(folder / "m.yaml"), "--json"]


def cover(folder: Path) -> list[str]:
    # each system holds 8 of 16 entities, no two the same: no system's data inside another's
    entities = [{"id": f"e{i}"} for i in range(16)]
    halves = list(itertools.combinations(range(16), 8))[:11_000]
    systems = [{"id": f"s{i:05d}", "holds": [f"e{j}" for j in half]} for i, half in enumerate(halves)]
    doc = {
        "silomap": 1,
        "name": "cover",
        "entities": entities,
        "systems": systems,
        "questions": [
            {"id": "q", "needs": [f"e{i}" for i in range(16)]},
            {"id": "r", "needs": [f"e{i}" for i in range(12)]},
        ],
    }
    (folder / "m.yaml").write_text(_yaml(doc))
    return ["score", str(folder / "m.yaml"), "--json"]


def big_directory(folder: Path) -> list[str]:
    root = folder / "m"
    root.mkdir()
    (root / "model.yaml").write_text(_yaml({"silomap": 1, "name": "big", "entities": [{"id": "e"}]}))
    for f in range(100):
        systems = [
            {
                "id": f"s{f}-{i}",
                "name": f"System {f}-{i} " + "x" * 60,
                "holds": ["e"],
                "description": "d" * 300,
            }
            for i in range(300)
        ]
        (root / f"part-{f:03d}.yaml").write_text(_yaml({"systems": systems}))
    return ["validate", str(root)]


def big_journeys(folder: Path) -> list[str]:
    # 13 MB in 1,000 files: each a journey of 60 steps over 200 shared systems
    root = folder / "m"
    root.mkdir()
    systems = [{"id": f"s{i}", "holds": ["address", "profile"]} for i in range(200)]
    links = [{"from": f"s{i}", "to": f"s{(i + 1) % 200}", "carries": ["address"]} for i in range(200)]
    (root / "model.yaml").write_text(
        _yaml(
            {
                "silomap": 1,
                "name": "big",
                "teams": [{"id": "agents"}],
                "entities": [{"id": "address"}, {"id": "profile"}],
                "systems": systems,
                "integrations": links,
            }
        )
    )
    for f in range(1_000):
        steps = [
            {
                "id": f"t{i}",
                "name": f"Step {i} of journey {f} " + "x" * 80,
                "actor": "agents",
                "channel": "phone",
                "systems": [f"s{(f + i) % 200}", f"s{(f * 7 + i + 1) % 200}"],
                "captures": ["address", "profile"],
            }
            for i in range(60)
        ]
        (root / f"j{f:04d}.yaml").write_text(
            _yaml({"journeys": [{"id": f"j{f}", "stage": "sales", "steps": steps}]})
        )
    return ["score", str(root), "--json"]


def many_problems(folder: Path) -> list[str]:
    # 150,000 integrations in five files, each naming three things that do not exist
    root = folder / "m"
    root.mkdir()
    (root / "model.yaml").write_text(_yaml({"silomap": 1, "name": "bad"}))
    for f in range(5):
        links = [
            {"from": f"a{i}", "to": f"b{i}", "carries": [f"c{i}"]}
            for i in range(f * 30_000, (f + 1) * 30_000)
        ]
        (root / f"part-{f}.yaml").write_text(_yaml({"integrations": links}))
    return ["validate", str(root), "--format", "json"]


# --- issue 24: the model loader's bounds -------------------------------------------------------


def dense_directory(folder: Path) -> list[str]:
    # 13 MB in 14 files of short references: 18,200 systems each holding 90 of 100 entities
    root = folder / "m"
    root.mkdir()
    entities = [{"id": f"e{i}"} for i in range(100)]
    (root / "model.yaml").write_text(_yaml({"silomap": 1, "name": "dense", "entities": entities}))
    for f in range(13):
        systems = [
            {"id": f"s{f}-{i}", "holds": [f"e{j % 100}" for j in range(i % 7, i % 7 + 90)]}
            for i in range(1_400)
        ]
        (root / f"part-{f:02d}.yaml").write_text(_yaml({"systems": systems}))
    return ["validate", str(root)]


def fifo_model(folder: Path) -> list[str]:
    # a model file that is a FIFO nobody writes to: opening it once waited forever
    import os  # here, not at the top: the git cases of issue 24 import it there too

    os.mkfifo(folder / "fifo.yaml")
    return ["validate", str(folder / "fifo.yaml")]


# --- end of issue 24's loader cases ---------------------------------------------------------------


def huge_name(folder: Path) -> list[str]:
    name = "N" * (50 * 1024 * 1024 - 2000)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
        "<name>big</name><elements>"
        f'<element identifier="e1" xsi:type="ApplicationComponent"><name>{name}</name></element>'
        "</elements></model>"
    )
    (folder / "big.xml").write_text(xml)
    return ["import", "archimate", str(folder / "big.xml"), "-o", str(folder / "out")]


def _dense(folder: Path) -> Path:
    systems = [{"id": f"s{i:03d}", "owner": f"t{i % 12}", "holds": ["e"]} for i in range(299)]
    links = [
        {"from": f"s{i % 299:03d}", "to": f"s{(i * 7 + 3 + i // 299) % 299:03d}", "carries": ["e"]}
        for i in range(2_500)
    ]
    links = [link for link in links if link["from"] != link["to"]]
    doc = {
        "silomap": 1,
        "name": "dense",
        "teams": [{"id": f"t{i}"} for i in range(12)],
        "entities": [{"id": "e"}],
        "systems": systems,
        "integrations": links,
    }
    (folder / "m.yaml").write_text(_yaml(doc))
    return folder / "m.yaml"


def dense_landscape(folder: Path) -> list[str]:
    return ["render", str(_dense(folder)), "--renderer", "embedded", "-o", str(folder / "l.svg")]


def dense_report(folder: Path) -> list[str]:
    return ["report", str(_dense(folder)), "--renderer", "embedded", "-o", str(folder / "r.html")]


# issue 24, the git family: repositories made here, commits with fixed dates


def _commit_all(repo: Path, message: str) -> None:
    date = "2026-03-01T12:00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    git = [
        "git",
        "-C",
        str(repo),
        "-c",
        "user.name=Ann",
        "-c",
        "user.email=a@b",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "add", "-A", "."], env=env, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], env=env, check=True)


def _bank_history(repo: Path, name: str = "systems.yaml") -> Path:
    """100 commits of the retail bank, each a comment more; the 50th deletes the model, the 51st restores it."""
    model = repo / "bank"
    shutil.copytree(Path(__file__).resolve().parent.parent / "models" / "retail-bank", model)
    (model / "systems.yaml").rename(model / name)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for i in range(100):
        if i == 49:
            shutil.move(model, repo / "aside")
        elif i == 50:
            shutil.move(repo / "aside", model)
        else:
            with (model / name).open("a") as handle:
                handle.write(f"# {i}\n")
        _commit_all(repo, f"c{i}")
    return model


def git_deleted(folder: Path) -> list[str]:
    return ["history", str(_bank_history(folder / "repo")), "--json"]


def git_symlinked(folder: Path) -> list[str]:
    _bank_history(folder / "repo")
    (folder / "link").symlink_to(folder / "repo", target_is_directory=True)
    return ["history", str(folder / "link" / "bank"), "--json"]


def git_line_break(folder: Path) -> list[str]:
    return ["history", str(_bank_history(folder / "repo", "sys\ntems.yaml")), "--json"]


def git_many_files(folder: Path) -> list[str]:
    model = folder / "repo" / "m"
    model.mkdir(parents=True)
    (model / "model.yaml").write_text(_yaml({"silomap": 1, "name": "many", "entities": [{"id": "e"}]}))
    for f in range(6_000):
        (model / f"s{f:04d}.yaml").write_text(_yaml({"systems": [{"id": f"s{f}", "holds": ["e"]}]}))
    subprocess.run(["git", "init", "-q", str(folder / "repo")], check=True)
    _commit_all(folder / "repo", "many")
    return ["diff", str(model), "--rev", "HEAD", "--json"]


def archimate_components(folder: Path) -> list[str]:
    # 20,000 application components, every other one called alike (copies of one application often
    # are), 20,000 flows between them naming 500 data objects, 1,000 data objects each accessed by 20
    names = [f"Application {i}" if i % 2 else "Legacy application" for i in range(20_000)]
    elements = [
        f'<element identifier="c{i}" xsi:type="ApplicationComponent"><name>{name}</name></element>'
        for i, name in enumerate(names)
    ]
    elements += [
        f'<element identifier="d{i}" xsi:type="DataObject"><name>Data {i}</name></element>'
        for i in range(1_000)
    ]
    links = [
        f'<relationship identifier="f{i}" source="c{i}" target="c{(i * 7 + 1) % 20_000}" '
        f'xsi:type="Flow"><name>Data {i % 500}</name></relationship>'
        for i in range(20_000)
    ]
    links += [
        f'<relationship identifier="a{i}" source="c{i}" target="d{i % 1_000}" xsi:type="Access"/>'
        for i in range(20_000)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
        f"<name>many</name><elements>{''.join(elements)}</elements>"
        f"<relationships>{''.join(links)}</relationships></model>"
    )
    (folder / "many.xml").write_text(xml)
    return ["import", "archimate", str(folder / "many.xml"), "-o", str(folder / "out")]


def _step(k: int, m: int) -> dict[str, object]:
    actor, channel = ("customer", "web") if m % 2 else (f"t{(k + m) % 10}", "phone")
    return {
        "id": f"p{m}",
        "actor": actor,
        "channel": channel,
        "systems": [f"s{(k * 11 + m) % 500:03d}"],
        "captures": [f"e{(k + m) % 40}"],
    }


def _change(i: int) -> dict[str, object]:
    a, b, j = f"s{i % 500:03d}", f"s{(i * 3 + 1) % 500:03d}", (i // 4) % 500
    kinds: list[dict[str, object]] = [
        {"add-integration": {"from": a, "to": b if a != b else "s499", "carries": [f"e{i % 40}"]}},
        {"set-mode": {"from": f"s{j:03d}", "to": f"s{(j * 13 + 5) % 500:03d}", "mode": "realtime"}},
        {"hold": {"system": a, "entities": [f"e{(i * 5) % 40}"]}},
        {"edit-step": {"journey": f"j{j % 100}", "step": f"p{i % 8}", "systems": [f"s{i * 17 % 500:03d}"]}},
    ]
    return kinds[i % 4]


def _many_changes(folder: Path, count: int) -> list[str]:
    # 500 systems, 1,000 integrations, 100 journeys; changes of four kinds in turn, each valid
    systems = [
        {"id": f"s{i:03d}", "owner": f"t{i % 10}", "holds": [f"e{i % 40}", f"e{(i * 7 + 1) % 40}"]}
        for i in range(500)
    ]
    links = [
        {
            "from": f"s{i % 500:03d}",
            "to": f"s{(i * 13 + 5) % 500:03d}",
            "carries": [f"e{i % 40}"],
            "mode": "batch",
        }
        for i in range(1_000)
        if i % 500 != (i * 13 + 5) % 500
    ]
    doc = {
        "silomap": 1,
        "name": "changes",
        "teams": [{"id": f"t{i}"} for i in range(10)],
        "entities": [{"id": f"e{i}"} for i in range(40)],
        "systems": systems,
        "integrations": links,
        "questions": [{"id": f"q{i}", "needs": [f"e{i % 40}", f"e{(i + 3) % 40}"]} for i in range(60)],
        "journeys": [
            {"id": f"j{k}", "stage": "sales", "steps": [_step(k, m) for m in range(8)]} for k in range(100)
        ],
    }
    changes = {"silomap-changes": 1, "name": "many", "changes": [_change(i) for i in range(count)]}
    (folder / "m.yaml").write_text(_yaml(doc))
    (folder / "c.yaml").write_text(_yaml(changes))
    return ["whatif", str(folder / "m.yaml"), str(folder / "c.yaml"), "--json"]


def changes_200(folder: Path) -> list[str]:
    return _many_changes(folder, 200)


def changes_2000(folder: Path) -> list[str]:
    return _many_changes(folder, 2_000)


# Issue 24, observed logs: what is not a regular file is refused before it is opened


def _observed(folder: Path, log: str) -> list[str]:
    step = {"id": "queue", "actor": "l1", "channel": "phone"}
    journey = {"id": "fix", "stage": "after-sales", "steps": [step]}
    model = {"silomap": 1, "name": "obs", "teams": [{"id": "l1"}], "journeys": [journey]}
    (folder / "m.yaml").write_text(_yaml(model))
    (folder / "log.yaml").write_text(_yaml({"silomap-log": 1, "log": log}))
    return ["observe", str(folder / "m.yaml"), str(folder / "log.yaml"), "--json"]


def fifo_log(folder: Path) -> list[str]:
    os.mkfifo(folder / "log.csv")  # no writer: opening it blocks for ever
    return _observed(folder, "log.csv")


def dev_zero_log(folder: Path) -> list[str]:
    (folder / "zero.csv").symlink_to("/dev/zero")  # named by its absolute path: no folder to leave
    return _observed(folder, str(folder / "zero.csv"))


LIMITS = {"fifo-log": 20, "dev-zero-log": 8}  # seconds: over is the old hang, or memory without end


# Observed journeys (issue 24): a log's hostile shapes, observed with the engine's memory bound set
_OBSERVE_MODEL = {
    "silomap": 1,
    "name": "obs",
    "teams": [{"id": "l1"}, {"id": "l2"}],
    "systems": [{"id": "crm"}],
    "journeys": [
        {
            "id": "fix",
            "stage": "after-sales",
            "steps": [
                {"id": "queue", "actor": "l1", "channel": "phone", "systems": ["crm"]},
                {"id": "work", "actor": "l2", "channel": "phone", "systems": ["crm"]},
            ],
        }
    ],
}


def _observe(folder: Path, log: str, columns: str, *extra: str) -> list[str]:
    (folder / "m.yaml").write_text(_yaml(_OBSERVE_MODEL))
    (folder / "map.yaml").write_text(
        f"silomap-log: 1\nlog: {log}\ncolumns: {columns}\nsteps: {{Queue: fix/queue, Work: fix/work}}\n"
    )
    return ["observe", str(folder / "m.yaml"), str(folder / "map.yaml"), "--json", *extra]


def xes_attribute(folder: Path) -> list[str]:
    # a 32 KB .xes.gz whose one event has a 32 MB activity
    import gzip

    value = "a" * (32 * 1024 * 1024)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log><trace><string key="concept:name" value="c1"/><event>'
        f'<string key="concept:name" value="{value}"/><date key="time:timestamp" value="2026-01-01T00:00:00"/>'
        "</event></trace></log>\n"
    )
    (folder / "log.xes.gz").write_bytes(gzip.compress(xml.encode(), 9))
    return _observe(folder, "log.xes.gz", "{resource: null, group: null}")


def _log(folder: Path, rows: object) -> None:
    with (folder / "log.csv").open("w") as out:
        out.write("case,activity,time,who,team\n")
        out.writelines(rows)  # type: ignore[arg-type]


def long_case(folder: Path) -> list[str]:
    # one case of 4,000,000 events, its team and activity changing at every event
    start = 1_767_225_600  # 2026-01-01, in seconds
    _log(
        folder,
        (
            f"c1,{('Queue', 'Work')[i % 2]},{_iso(start + i)},a{i % 7},L{i % 2 + 1}\n"
            for i in range(4_000_000)
        ),
    )
    columns = "{case: case, activity: activity, timestamp: time, resource: who, group: team}"
    return _observe(folder, "log.csv", columns, "--memory-limit", "500MB")


def many_teams(folder: Path) -> list[str]:
    # 1,000,000 teams: each of 1,000,000 cases goes from its own team to the next case's
    _log(
        folder,
        (
            f"c{i},{a},2026-01-01T00:00:0{k},w{i},t{i + k}\n"
            for i in range(1_000_000)
            for k, a in enumerate(("Queue", "Work"))
        ),
    )
    columns = "{case: case, activity: activity, timestamp: time, resource: who, group: team}"
    return _observe(folder, "log.csv", columns, "--memory-limit", "500MB")


def _iso(seconds: int) -> str:
    import datetime

    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")


LIMIT = 600  # seconds a case may take before it is stopped and reported as over

CASES: dict[str, Callable[[Path], list[str]]] = {
    "did-you-mean": did_you_mean,
    "long-journey": long_journey,
    "cover": cover,
    "big-directory": big_directory,
    "big-journeys": big_journeys,
    "many-problems": many_problems,
    "dense-directory": dense_directory,
    "fifo-model": fifo_model,
    "huge-name": huge_name,
    "dense-landscape": dense_landscape,
    "dense-report": dense_report,
    "git-deleted": git_deleted,
    "git-symlinked": git_symlinked,
    "git-line-break": git_line_break,
    "git-many-files": git_many_files,
    "archimate-20k": archimate_components,
    "changes-200": changes_200,
    "changes-2000": changes_2000,
    "fifo-log": fifo_log,
    "dev-zero-log": dev_zero_log,
    "xes-attribute": xes_attribute,
    "long-case": long_case,
    "many-teams": many_teams,
}


def main(names: list[str]) -> None:
    print(f"{'case':<16} {'seconds':>8} {'peak MiB':>9} {'exit':>5}")
    for name in names or list(CASES):
        with tempfile.TemporaryDirectory() as scratch:
            args = CASES[name](Path(scratch))
            start = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, "-c", RUN, *args],
                    capture_output=True,
                    text=True,
                    timeout=LIMITS.get(name, LIMIT),
                    check=False,
                )
            except subprocess.TimeoutExpired:
                print(f"{name:<16} {'>' + str(LIMITS.get(name, LIMIT)):>8} {'?':>9} {'-':>5}", flush=True)
                continue
            took = time.perf_counter() - start
        peak = next(
            (int(line.split()[1]) // 1024 for line in done.stderr.splitlines() if line.startswith("MAXRSS")),
            0,
        )
        print(f"{name:<16} {took:8.1f} {peak:9,d} {done.returncode:5d}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
