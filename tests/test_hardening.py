"""What real files, a new user and an attacker found (issue 9): a test per family."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import silomap
from silomap._cli import main
from silomap._model import load_with_warnings

from .conftest import ROOT

HEAD = "silomap: 1\nname: x\nentities: [{id: a}, {id: b}]\n"


def errors(path) -> list[str]:
    """The errors of the model at ``path``, loaded by its name from its folder (so named by it)."""
    with pytest.raises(silomap.ModelError) as info, contextlib.chdir(Path(path).parent):
        silomap.load(Path(path).name)
    return [str(p) for p in info.value.errors]


# --- hostile text ---------------------------------------------------------------------------


@pytest.mark.parametrize("quote", ["", '"', "'"], ids=["plain", "double", "single"])
def test_bidi_controls_are_refused_quoted_or_not(write, quote):
    path = write(f"{HEAD}systems:\n  - id: crm\n    name: {quote}Billing\u202egnp.exe{quote}\n")
    assert errors(path) == [
        "model.yaml:6:11: error[SM024]: systems[0].name: bidirectional control U+202E in systems[0].name; remove it"
    ]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_line_numbers_are_right_whatever_the_line_endings(write, newline):
    text = f"{HEAD}systems:\n  - id: crm\n    owner: nobody\n".replace("\n", newline)
    assert errors(write(text.encode())) == [
        "model.yaml:6:12: error[SM031]: systems[0].owner: unknown team 'nobody'"
    ]


# --- reading models ------------------------------------------------------------------------


def test_a_symlinked_model_file_is_read(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text(HEAD)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert silomap.load(link).name == "x"


def test_the_model_can_come_on_stdin():
    done = subprocess.run([sys.executable, "-m", "silomap", "validate", "-"], input=HEAD + "systems: [{id: a1}]\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)  # fmt: skip
    assert (done.returncode, done.stdout) == (
        0,
        "-: valid (1 system, 0 integrations, 0 teams, 0 questions, 0 journeys)\n",
    )
    done = subprocess.run([sys.executable, "-m", "silomap", "validate", "/dev/stdin"], input="name: [",
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 2 and done.stderr.startswith("<stdin>:")


def test_an_unreadable_folder_is_an_error_not_a_skip(tmp_path, monkeypatch):
    (tmp_path / "m" / "secret").mkdir(parents=True)
    (tmp_path / "m" / "a.yaml").write_text(HEAD)
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        for folder, dirs, names in real_walk(top, onerror=onerror, **kwargs):
            if folder.endswith("secret"):
                onerror(PermissionError(13, "Permission denied", folder))
                continue
            yield folder, dirs, names

    monkeypatch.setattr("silomap._model.files.os.walk", walk)
    assert errors(tmp_path / "m") == [
        "m/secret:1:1: error[SM003]: cannot read this folder: Permission denied"
    ]


def test_an_invalid_kind_does_not_hide_other_errors(write):
    text = HEAD + "systems:\n  - {id: crm, kind: CRM, holds: [a]}\nquestions:\n  - {id: q, needs: [a, b]}\n"
    found = errors(write(text))
    assert [e.split(": ")[1] for e in found] == ["error[SM023]", "error[SM034]"]
    assert "entity 'b' is held by no system" in found[1]


def test_huge_volumes_are_refused_before_any_figure_overflows(write):
    text = HEAD + "systems: [{id: crm, holds: [a, b]}]\nquestions:\n  - {id: q, needs: [a], volume: 1e308}\n"
    assert errors(write(text)) == [
        "model.yaml:6:33: error[SM022]: questions[0].volume: must be at most 1,000,000,000,000; got 1e+308"
    ]
    ok = text.replace("1e308", "1e12")
    model, _ = load_with_warnings(write(ok))
    assert silomap.analyze(model).score is not None


def test_unquoted_and_quoted_names_are_read_alike(write):
    """The fix for bidi controls must not refuse ordinary text, plain or quoted."""
    text = HEAD + 'systems:\n  - {id: a1, name: Sales CRM}\n  - {id: a2, name: "Sales CRM"}\n'
    assert [s.name for s in silomap.load(write(text)).systems] == ["Sales CRM", "Sales CRM"]


def test_main_reads_a_model_path_with_no_model(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "nothing")]) == 2


# --- importers on real-world and hostile files -----------------------------------------------

ARCHI = """<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="m"><name>Loops</name><elements>
  <element identifier="p1" xsi:type="BusinessProcess"><name>Receive claim</name></element>
  <element identifier="p2" xsi:type="BusinessProcess"><name>Assess
claim</name></element>
  <element identifier="p3" xsi:type="BusinessProcess"><name>Ask for documents</name></element>
  <element identifier="p3" xsi:type="BusinessProcess"><name>Same id</name></element>
  <element identifier="c1" xsi:type="ApplicationComponent"><name>CRM</name></element>
</elements><relationships>
  <relationship identifier="r1" source="p1" target="p2" xsi:type="Triggering"/>
  <relationship identifier="r2" source="p2" target="p3" xsi:type="Triggering"/>
  <relationship identifier="r3" source="p3" target="p2" xsi:type="Triggering"/>
  <relationship identifier="r4" source="p1" target="p1" xsi:type="Triggering"/>
  <relationship identifier="r5" source="c1" target="nowhere" xsi:type="Flow"/>
</relationships></model>
"""


def test_archimate_loops_duplicates_and_dangling_ends(write):
    result = silomap.import_model(write(ARCHI, "loops.xml"), "archimate")
    (journey,) = result.model.journeys
    assert [s.name for s in journey.steps] == ["Receive claim", "Assess claim", "Ask for documents"]
    report = result.report
    assert "2 triggering relationships close a loop and were not followed" in report
    assert "'Receive claim' -> 'Receive claim', 'Ask for documents' -> 'Assess claim'" in report
    assert "element p3 ('Same id'): its identifier is taken by 'Ask for documents'" in report
    assert (
        "- 1 relationship whose end is not an element of the file: flow r5 (target nowhere: no such element)\n"
        in report
    )
    assert "1 names with line breaks" in report


def test_a_loop_is_broken_the_same_way_every_time(write):
    source = write(ARCHI, "loops.xml")
    assert silomap.import_model(source, "archimate").files == silomap.import_model(source, "archimate").files


BPMN_NO_IDS = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process>
  <startEvent id="s"/>
  <task name="Line one&#10;line two&#13;&#10;&#9;tabbed &#x202E;txt"/>
  <userTask id="t2"/>
  <task id="t3" name="Fine"/>
  <sequenceFlow id="f1" sourceRef="s" targetRef="t3"/>
  <sequenceFlow id="f2" sourceRef="t3" targetRef="t2"/>
</process></definitions>
"""


def test_bpmn_without_ids_or_names_and_with_line_breaks(write):
    result = silomap.import_model(write(BPMN_NO_IDS, "p.bpmn"), "bpmn")
    (journey,) = result.model.journeys
    assert [(s.id, s.name, s.source_id) for s in journey.steps] == [
        ("fine", "Fine", "t3"),
        ("t2", "t2", "t2"),
        ("line-one-line-two-tabbed-txt", "Line one line two tabbed txt", "task-without-id-1"),
    ]
    assert journey.source_id == "process-without-id-1"
    assert "1 task had no id" in result.report and "1 process had no id" in result.report
    assert "1 task has no name" in result.report


def test_a_50_mb_name_is_cut_not_refused(write):
    name = "N" * 6_000_000
    result = silomap.import_model(
        write(ARCHI.replace("<name>CRM</name>", f"<name>{name}</name>"), "big.xml"), "archimate"
    )
    (system,) = result.model.systems
    assert len(system.name) == 200 and system.name.endswith("\u2026")
    assert "names or source ids longer than 200 characters: cut" in result.report


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        (
            "archimate",
            "bpmn",
            "this is BPMN 2.0, not ArchiMate (the exchange format or an Archi model); use silomap import bpmn",
        ),
        (
            "bpmn",
            "archimate",
            "this is an ArchiMate exchange file, not BPMN 2.0; use silomap import archimate",
        ),
        (
            "structurizr",
            "bpmn",
            "this is BPMN 2.0, not a Structurizr JSON workspace; use silomap import bpmn",
        ),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused(tmp_path, capsys, kind, data, expected):
    from .conftest import DATA

    source = DATA / ("bpmn/miwg_C.5.0.bpmn" if data == "bpmn" else "archimate/archi_Archisurance_OEF.xml")
    assert main(["import", kind, str(source), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(f"{source}:1:1: error[SM063]: {expected}\n")  # as given
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        ("archimate", b'<?xml version="1.0" encoding="UTF-7"?>\n<model/>',
         "x:1:1: error[SM060]: the XML declares an encoding silomap cannot read"),
        ("structurizr", b'{"model": ' + b"[" * 5000 + b"]" * 5000 + b"}",
         "x:1:110: error[SM060]: JSON nested deeper than 100 levels"),
        ("structurizr", b'{"model": {"people": [],\n "x": ' + b"9" * 5000 + b"}}",
         "x:2:7: error[SM060]: number with 5,000 digits"),
    ],
    ids=["utf-7", "deep-json", "huge-number"],
)  # fmt: skip
def test_undecodable_or_absurd_files_are_located_errors(tmp_path, capsys, monkeypatch, kind, data, expected):
    (tmp_path / "x").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main(["import", kind, "x", "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(expected)


def test_an_import_error_names_the_source_element_not_a_generated_file(tmp_path, monkeypatch):
    """Should an import ever write what the loader refuses, the error points into the user's file."""
    (tmp_path / "p.bpmn").write_text(BPMN_NO_IDS)
    monkeypatch.setattr("silomap._importers.builder.Builder.clean", lambda self, text, limit: text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(silomap.ModelError) as info:
        silomap.import_model("p.bpmn", "bpmn")
    lines = [str(p) for p in info.value.errors]
    assert lines and all(line.startswith("p.bpmn: error[") for line in lines)
    assert any("element task-without-id-1 'Line one" in line and ": name: " in line for line in lines)
    assert not any("yaml" in line for line in lines)


def test_big_imports_are_split_into_files_the_loader_takes(tmp_path, monkeypatch):
    from .conftest import DATA

    monkeypatch.setattr("silomap._model.yaml_files.FILE_BYTES", 600)
    result = silomap.import_model(DATA / "archimate" / "archi_Archisurance_OEF.xml", "archimate")
    parts = sorted(name for name in result.files if "/part-" in name)
    assert "teams/part-001.yaml" in parts and "teams/part-002.yaml" in parts
    assert all(len(result.files[name].encode()) <= 600 + 300 for name in parts)  # one row may spill over
    written = result.write(tmp_path / "m")
    assert silomap.load(written) == result.model


def test_force_replaces_the_model_files_and_keeps_the_rest(tmp_path, capsys):
    from .conftest import DATA

    out = tmp_path / "m"
    assert (
        main(["import", "archimate", str(DATA / "archimate/archi_Archisurance_OEF.xml"), "-o", str(out)]) == 0
    )
    (out / "notes.txt").write_text("mine")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref")
    (out / "extra.yaml").write_text("systems: [{id: old}]\n")
    capsys.readouterr()
    assert main(["import", "bpmn", str(DATA / "bpmn/miwg_C.5.0.bpmn"), "-o", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert "removed 2 earlier files: extra.yaml, integrations.yaml" in said
    assert sorted(p.name for p in out.iterdir()) == [".git", "entities.yaml", "import-report.md", "journeys.yaml",
                                                     "model.yaml", "notes.txt", "systems.yaml", "teams.yaml"]  # fmt: skip
    assert (out / "notes.txt").read_text() == "mine" and (out / ".git" / "HEAD").read_text() == "ref"
    assert silomap.load(out).name == "miwg_C.5.0"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # nothing staged is left behind


def test_an_import_into_a_path_under_a_file_is_a_usage_error(tmp_path, capsys):
    from .conftest import DATA

    (tmp_path / "file").write_text("x")
    assert (
        main(["import", "bpmn", str(DATA / "bpmn/miwg_C.5.0.bpmn"), "-o", str(tmp_path / "file" / "m")]) == 2
    )
    assert "is not a directory" in capsys.readouterr().err


# --- writing outputs ---------------------------------------------------------------------------


def test_devices_fifos_and_folders_are_never_replaced(tmp_path, capsys):
    from .conftest import MODELS

    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    (tmp_path / "dir.dot").mkdir()
    for target in (fifo, tmp_path / "dir.dot"):
        assert main(["render", str(MODELS / "telecom"), "-o", str(target)]) == 2
        assert "is not a regular file (a device, a FIFO or a folder)" in capsys.readouterr().err
    assert fifo.is_fifo() and (tmp_path / "dir.dot").is_dir()
    with pytest.raises(silomap.UsageError, match="not a regular file"):
        silomap.diagram(silomap.load(MODELS / "telecom")).save(fifo)


def test_a_missing_output_folder_is_a_usage_error(tmp_path, capsys):
    from .conftest import MODELS

    for command in (["render", "-o", "l.dot"], ["report", "-o", "r.md"]):
        args = [command[0], str(MODELS / "telecom"), command[1], str(tmp_path / "nowhere" / command[2])]
        assert main(args) == 2
        assert f"{tmp_path / 'nowhere'} does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "r.docx"],
            "unknown report extension '.docx' for -o; use one of .html, .htm, .md, .markdown, .pdf",
        ),
        (["-o", "r.txt"], "unknown report extension '.txt' for -o"),
        (["--format", "md", "-o", "r.html"], "--format md but -o ends in .html; use one of .md, .markdown"),
    ],
)
def test_report_refuses_an_extension_it_does_not_write(tmp_path, capsys, args, message):
    from .conftest import MODELS

    args = [a if not a.startswith("r.") else str(tmp_path / a) for a in args]
    assert main(["report", str(MODELS / "telecom"), *args]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    try:
        with open(path) as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return any(line.startswith("State:\tZ") for line in handle)
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
@pytest.mark.parametrize("renderer", ["system", "embedded"])
def test_a_killed_silomap_leaves_no_renderer_running(tmp_path, renderer):
    import signal
    import time

    from .conftest import MODELS

    env = dict(os.environ)
    if renderer == "system":  # a 'dot' that never finishes
        (tmp_path / "bin").mkdir()
        (tmp_path / "bin" / "dot").write_text("#!/bin/sh\nexec sleep 60\n")
        (tmp_path / "bin" / "dot").chmod(0o755)
        env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env['PATH']}"
    args = ["report", str(MODELS / "retail-bank"), "--renderer", renderer, "-o", str(tmp_path / "r.html")]
    parent = subprocess.Popen([sys.executable, "-m", "silomap", *args], env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while not _children(parent.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    children = _children(parent.pid)
    assert children, "the renderer never started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while not all(_gone(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(child) for child in children)
    assert [p.name for p in tmp_path.iterdir() if p.name != "bin"] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_renderer_whose_silomap_died_before_it_started_leaves_at_once():
    """A silomap killed between the fork and the child's parent-death request would never signal the
    child: the child checks that its parent is still the silomap that made it, and leaves otherwise."""
    from silomap._diagrams.render import _die_with_parent

    setup = _die_with_parent()  # made here: this process is the silomap

    def exit_code_of(grandchild: bool) -> int:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            if grandchild:  # a child whose parent is not this process, as if silomap had died
                inner = os.fork()
                if inner == 0:
                    setup()
                    os._exit(0)
                os._exit(os.waitstatus_to_exitcode(os.waitpid(inner, 0)[1]))
            setup()
            os._exit(0)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    assert exit_code_of(grandchild=False) == 0  # its parent is this silomap: it runs on
    assert exit_code_of(grandchild=True) == 1


# --- gates and the Python API -----------------------------------------------------------------


@pytest.mark.parametrize("limit", ["nan", "inf", "-inf"])
def test_a_gate_that_is_not_a_number_is_refused(capsys, limit):
    from .conftest import MODELS

    assert main(["score", str(MODELS / "telecom"), f"--fail-above={limit}"]) == 2
    assert "--fail-above must be a number" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ("", "the model has no questions, journeys, shared data or agent systems"),
        (
            "entities: [{id: a}]\nsystems: [{id: s, holds: [a]}]\nquestions: [{id: q, needs: [a]}]\n"
            "scoring: {weights: {fragmentation: 0, handoffs: 0, reentry: 0, desktop: 0, sync: 0}}\n",
            "every measured component has weight 0 in scoring.weights",
        ),
    ],
    ids=["nothing", "all-weights-zero"],
)
def test_a_gate_fails_when_nothing_is_measured(write, capsys, extra, why):
    path = write(HEAD.replace("entities: [{id: a}, {id: b}]\n", "") + extra)
    assert main(["score", str(path), "--fail-above", "50"]) == 1
    out, err = capsys.readouterr()
    assert f"Silo score: not measured ({why})" in out
    assert f"--fail-above 50: the silo score is not measured ({why})" in err


def test_models_changed_in_python_are_checked_like_files():
    from .conftest import MODELS

    model = silomap.load(MODELS / "telecom")
    assert silomap.validate(model) == []
    link = silomap.Integration(source="crm", target="crn", carries=["address"])
    broken = model.model_copy(update={"integrations": (*model.integrations, link)})
    expected = ["<model>: error[SM031]: integrations[21].to: unknown system 'crn'; did you mean 'crm'?"]
    assert [str(p) for p in silomap.validate(broken)] == expected
    for call in (silomap.analyze, silomap.graph, silomap.diagram):
        with pytest.raises(silomap.ModelError) as info:
            call(broken)
        assert [str(p) for p in info.value.errors] == expected
    wrong_type = model.model_copy(update={"name": 7})
    assert [str(p) for p in silomap.validate(wrong_type)] == [
        "<model>: error[SM022]: name: expected a string, got a number (7)"
    ]


def test_unknown_component_names_are_errors_with_a_hint():
    from .conftest import MODELS

    result = silomap.analyze(silomap.load(MODELS / "telecom"))
    for call in (result.component, result.points):
        with pytest.raises(silomap.UsageError) as info:
            call("hand-offs")
        assert str(info.value) == (
            "name= is 'hand-offs', not a component: one of fragmentation, handoffs, reentry, desktop, sync; "
            "did you mean 'handoffs'?"
        )


@pytest.mark.parametrize(
    ("args", "first_line", "code"),
    [
        (["--journey", "move-house"], 'digraph "journey: move-house" {', 0),
        (["--question", "where-is-my-card"], 'digraph "question: where-is-my-card" {', 0),
        (
            ["--view", "landscape", "--journey", "move-house"],
            "--journey goes with --view journey, not --view landscape",
            2,
        ),
        (
            ["--journey", "move-house", "--question", "where-is-my-card"],
            "draw different views; give --view",
            2,
        ),
    ],
)
def test_render_infers_the_view_or_refuses_a_contradiction(tmp_path, capsys, args, first_line, code):
    from .conftest import MODELS

    target = tmp_path / "v.dot"
    assert main(["render", str(MODELS / "retail-bank"), *args, "-o", str(target)]) == code
    shown = target.read_text().splitlines()[0] if code == 0 else capsys.readouterr().err
    assert first_line in shown


# --- what is printed stays bounded -----------------------------------------------------------


def _sprawling_model() -> silomap.Model:
    """2,000 isolated systems with long ids, a 3,000-step journey, a question opened in every system."""
    ids = [f"system-{i:04d}-" + "x" * 50 for i in range(2_000)]
    systems = [silomap.System(id=s, holds=("e",)) for s in ids]
    steps = [silomap.Step(id=f"s{i}", actor="customer", channel="web", systems=(ids[i % 2_000],), captures=("e",),
                          answers=("q",)) for i in range(3_000)]  # fmt: skip
    journey = silomap.Journey(id="long", stage="sales", steps=steps)
    return silomap.Model(silomap=1, name="Sprawl", entities=[silomap.Entity(id="e")], systems=systems,
                         questions=[silomap.Question(id="q", needs=("e",))], journeys=[journey])  # fmt: skip


def test_the_markdown_report_fits_a_github_comment():
    from silomap._reports.markdown import LIMIT

    text = silomap.report(_sprawling_model(), fmt="md")
    assert len(text) <= LIMIT == 65_536
    # its 3,000-step blueprint is more Mermaid than Mermaid draws (50,000 characters), let alone a comment
    assert re.search(
        r"\*The blueprint of long is [\d,]+ characters of Mermaid, more than the 50,000 it draws", text
    )
    assert "+1992 more" in text  # isolated systems: 8 named, the rest counted


def test_the_summary_names_a_few_and_counts_the_rest():
    from silomap._reports import summary

    text = summary(silomap.analyze(_sprawling_model()))
    assert max(len(line) for line in text.splitlines()) < 1_000
    assert "Isolated systems (no automated integration): system-0000-" in text and "+1988 more" in text


def test_a_report_over_the_limit_is_cut_at_a_line_and_says_so(monkeypatch):
    monkeypatch.setattr("silomap._reports.markdown.LIMIT", 1_500)
    text = silomap.report(silomap.load(ROOT / "models" / "retail-bank"), fmt="md")
    assert len(text) <= 1_500
    assert text.endswith(
        "\n\n*Cut to fit GitHub's 1,500-character limit for a comment: see the HTML report.*\n"
    )


def test_a_look_alike_letter_is_named_and_a_near_miss_suggested(write):
    text = HEAD + (
        "systems: [{id: crm, holds: [a, b]}, {id: erp}]\n"
        "integrations:\n  - {from: \u0441rm, to: erp, carries: [a]}\n  - {from: crn, to: erp, carries: [a]}\n"
    )
    assert errors(write(text)) == [
        "model.yaml:6:12: error[SM023]: integrations[0].from: '\u0441rm' contains U+0441 CYRILLIC SMALL LETTER ES; "
        "did you mean 'crm'?",
        "model.yaml:7:12: error[SM031]: integrations[1].from: unknown system 'crn'; did you mean 'crm'?",
    ]


def test_the_embedded_renderer_says_why_on_one_line():
    from silomap._diagrams.render import render

    with pytest.raises(silomap.ToolError) as info:
        render("digraph { a -> b [label=<<b>x</b", "svg", "embedded")
    message = str(info.value)
    assert message.startswith("error[SM041]: embedded Graphviz failed (exit 1): embedded Graphviz failed: ")
    assert "\n" not in message and "Traceback" not in message


def test_a_read_only_target_is_a_disk_failure_with_a_message(tmp_path, capsys, monkeypatch):
    """EROFS (or any OSError) while writing is exit 3 with the reason, never a traceback; nothing is left."""
    import errno

    from .conftest import DATA, MODELS

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("silomap._io.tempfile.mkstemp", read_only)
    assert main(["render", str(MODELS / "telecom"), "-o", str(tmp_path / "l.dot")]) == 3
    assert "error[SM051]: cannot write" in capsys.readouterr().err
    monkeypatch.setattr("silomap._importers.result.os.rename", read_only)
    assert main(["import", "bpmn", str(DATA / "bpmn/miwg_C.5.0.bpmn"), "-o", str(tmp_path / "m")]) == 3
    assert "Read-only file system" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
