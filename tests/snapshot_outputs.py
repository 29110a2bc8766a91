"""Write every output silomap makes of the bundled models into one folder, through the CLI.

Run it before and after a change that must not change behaviour, then compare:

    python tests/snapshot_outputs.py /tmp/before
    ... change the code, reinstall ...
    python tests/snapshot_outputs.py /tmp/after
    diff -r /tmp/before /tmp/after && echo identical

It calls the installed ``silomap`` command only, so it works across any reshaping
of the package. Outputs: validate, the text summary, score JSON, every view of every
journey and question as DOT and Mermaid, the Markdown and HTML reports (embedded
Graphviz, so the SVGs are comparable), the JSON Schemas, and the import of every real
file in tests/data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("retail-bank", "telecom", "university")
IMPORTS = (
    ("archimate", "tests/data/archimate/archi_Archisurance_OEF.xml"),
    ("archimate", "tests/data/archimate/archi_Archisurance.archimate"),
    ("structurizr", "tests/data/structurizr/BigBank.workspace.json"),
    ("bpmn", "tests/data/bpmn/miwg_C.4.0.bpmn"),
    ("bpmn", "tests/data/bpmn/miwg_C.5.0.bpmn"),
)


def run(out: Path, name: str, *args: str) -> str:
    """Run ``silomap ARGS`` in the repository and keep its exit code, stdout and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "silomap", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    (out / name).write_text(f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}")
    return done.stdout


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    run(out, "schema.txt", "schema")
    run(out, "schema-part.txt", "schema", "--part")
    for model in MODELS:
        path = f"models/{model}"
        run(out, f"{model}-validate.txt", "validate", path)
        run(out, f"{model}-validate-json.txt", "validate", path, "--format", "json")
        run(out, f"{model}-score.txt", "score", path)
        run(out, f"{model}-score-top50.txt", "score", path, "--top", "50")
        figures = json.loads(run(out, f"{model}-score-json.txt", "score", path, "--json"))
        views = [("landscape", []), ("landscape-kind", ["--group-by", "kind", "--overlay", "questions"])]
        views += [
            (f"journey-{j['id']}", ["--view", "journey", "--journey", j["id"]]) for j in figures["journeys"]
        ]
        views += [
            (f"question-{q['id']}", ["--view", "question", "--question", q["id"]])
            for q in figures["questions"]
        ]
        for view, args in views:
            for ext in (".dot", ".mmd"):
                target = out / f"{model}-{view}{ext}"
                run(out, f"{model}-{view}{ext}.log", "render", path, *args, "-o", str(target))
        run(
            out,
            f"{model}-report-md.log",
            "report",
            path,
            "--format",
            "md",
            "-o",
            str(out / f"{model}-report.md"),
        )
        run(out, f"{model}-report-html.log", "report", path, "--renderer", "embedded",
            "-o", str(out / f"{model}-report.html"))  # fmt: skip
    for kind, source in IMPORTS:
        stem = Path(source).name
        run(out, f"import-{stem}.log", "import", kind, source, "-o", str(out / f"import-{stem}"))
    for log in out.glob("*.log"):  # the folder's own name differs between the two runs
        log.write_text(log.read_text().replace(str(out), "OUT"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/snapshot_outputs.py OUTPUT_DIR")
    snapshot(Path(sys.argv[1]).resolve())
