"""Hostile and malformed input (spec: hostile-inputs.md), a case per row."""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>SM\d{3})\]: .+$")
# A guard against hanging (a blocking FIFO, a bomb expanded), not a speed test: speed is measured in
# benchmarks/. Generous, so that a loaded machine never fails it.
HANG = 60

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run_validate(path, capsys):
    """``silomap validate NAME`` run in the model's folder, so that problems start with ``NAME``."""
    with contextlib.chdir(Path(path).parent):
        code = main(["validate", Path(path).name])
    out, err = capsys.readouterr()
    return code, out, err


def bomb(levels: int) -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def merge_bomb() -> bytes:
    lines = ["l0: &l0 {k: v}"]
    for n in range(1, 12):
        xs = ", ".join(f"x{i}: *l{n - 1}" for i in range(8))
        lines.append(f"l{n}: &l{n} {{<<: *l{n - 1}, {xs}}}")
    return ("\n".join(lines) + "\n").encode()


CASES = [
    ("A01-latin1", "name: Café\n".encode("latin-1"), "SM001", "1:10", "not valid UTF-8 (byte 0xE9)"),
    ("A03-utf16", "silomap: 1\n".encode("utf-16"), "SM001", "1:1", "UTF-16"),
    ("A05-binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "SM001", "1:1", "binary data (NUL byte"),
    ("A06-escape", b'silomap: 1\nname: "CRM\\e[2J"\n', "SM024", "2:7", "control character U+001B in name"),
    ("A07-u2028", "name: a\u2028b\nx: [\n".encode(), "SM001", "1:8", "unusual line terminator U+2028"),
    ("B01-alias-bomb", bomb(9), "SM013", None, "alias expansion exceeds"),
    ("B02-merge-bomb", merge_bomb(), "SM013", None, "alias expansion exceeds"),
    ("B03-unknown-alias", b"systems: [*crm]\n", "SM010", "1:11", "unknown alias *crm"),
    ("B04-deep-flow", b"[" * 100_000 + b"]" * 100_000, "SM014", "1:65", "nesting deeper than 64"),
    ("B05-deep-block", "".join("  " * i + "-\n" for i in range(1100)).encode(), "SM014", None, "nesting"),
    ("B06-dup-top", b"systems: []\nname: x\nsystems: []\n", "SM011", "3:1", "duplicate key 'systems'"),
    (
        "B07-dup-nested",
        b"systems:\n  - id: a\n    owner: x\n    owner: y\n",
        "SM011",
        "4:5",
        "systems[0].owner",
    ),
    ("B08-dup-quoted", b'name: a\n"name": b\n', "SM011", "2:1", "duplicate key 'name'"),
    (
        "B09-cyrillic",
        "silomap: 1\nname: n\nsystems:\n  - id: a\n    \u043ewner: x\n".encode(),
        "SM020",
        "5:5",
        "non-ASCII U+043E",
    ),
    (
        "B10-double-merge",
        b"a: &a {x: 1}\nb: &b {y: 1}\nc: {<<: *a, <<: *b}\n",
        "SM011",
        "3:13",
        "duplicate merge key",
    ),
    (
        "B11-python-tag",
        b'x: !!python/object/apply:os.system ["touch /tmp/silomap-canary"]\n',
        "SM012",
        "1:4",
        "explicit YAML tag",
    ),
    ("B11-include", b"x: !include ../../etc/passwd\n", "SM012", "1:4", "explicit YAML tag"),
    ("B12-empty-int", b"a: !!int\n", "SM012", "1:4", "explicit YAML tag"),
    ("B12-timestamp", b"a: !!timestamp x\n", "SM012", "1:4", "explicit YAML tag"),
    ("B14-huge-int", b"silomap: " + b"9" * 5000 + b"\n", "SM022", "1:10", "number too large"),
    ("B15-two-docs", b"silomap: 1\n---\nname: x\n", "SM015", "2:1", "multiple YAML documents"),
    ("B16-list-top", b"- a\n- b\n", "SM016", "1:1", "top level must be a mapping"),
    ("B16-scalar-top", b"hello\n", "SM016", "1:1", "top level must be a mapping"),
    ("B17-int-key", b"1: a\n", "SM017", "1:1", "keys must be strings"),
    ("B17-complex-key", b"? [a, b]\n: c\n", "SM017", "1:3", "complex key"),
    ("B19-tab", b"silomap: 1\nsystems:\n\t- id: a\n", "SM010", "3:1", "not tabs"),
    ("B19-bracket", b"silomap: 1\nname: x\nsystems: [a, b\nteams: []\n", "SM010", "4:6", "flow sequence"),
    ("B19-colon", b"silomap: 1\nname: x\nsystems: CRM: main\n", "SM010", "3:13", "mapping values"),
    (
        "C09-bidi",
        b'silomap: 1\nname: x\nsystems:\n  - id: a\n    name: "Billing\\u202e gnp.exe"\n',
        "SM024",
        "5:11",
        "bidirectional control U+202E",
    ),
    (
        "C10-description",
        b"silomap: 1\nname: x\ndescription: " + b"y" * 10_001 + b"\n",
        "SM023",
        "3:14",
        "longer than 10,000 characters",
    ),
    ("A08-empty-alone", b"", "SM016", "1:1", "declares nothing"),
    ("A08-comments-alone", b"# nothing here\n", "SM016", "1:1", "declares nothing"),
    ("A09-too-big", b"a: b\n" * (1_100_000), "SM002", "1:1", "exceeds 5 MiB"),
    # libyaml itself refuses a lone surrogate escape: still exit 2, never reaches Graphviz
    ("D06-surrogate", b'silomap: 1\nname: "\\ud800"\n', "SM010", "2:10", "invalid Unicode character escape"),
    ("D06-control", b'silomap: 1\nname: "a\\x01b"\n', "SM024", "2:7", "control character U+0001"),
]


@pytest.mark.parametrize(("data", "code", "where", "text"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(tmp_path, capsys, data, code, where, text):
    path = tmp_path / "model.yaml"
    path.write_bytes(data)
    before = sorted(os.listdir(tmp_path))
    start = time.monotonic()
    exit_code, out, err = run_validate(path, capsys)
    assert time.monotonic() - start < HANG
    assert exit_code == 2
    lines = [line for line in err.splitlines() if LINE.match(line)]
    hits = [line for line in lines if f"error[{code}]" in line and text in line]
    assert hits, err
    if where is not None:
        assert any(line.startswith(f"model.yaml:{where}:") for line in hits), hits
    assert "Traceback" not in out + err
    assert not CONTROL.search(out + err)
    assert sorted(os.listdir(tmp_path)) == before
    assert path.read_bytes() == data


def test_canary_never_created(tmp_path, capsys):
    canary = tmp_path / "canary"
    path = tmp_path / "model.yaml"
    path.write_text(f'x: !!python/object/apply:os.system ["touch {canary}"]\n')
    run_validate(path, capsys)
    assert not canary.exists()


def test_bom_accepted_and_lines_unshifted(write, capsys):
    path = write(b"\xef\xbb\xbfsilomap: 1\nname: x\nsytems: []\n")
    code, _, err = run_validate(path, capsys)
    assert code == 2
    assert "model.yaml:3:1: error[SM020]: sytems: unknown field 'sytems'; did you mean 'systems'?" in err


def test_crlf_reports_equal_lf(tmp_path, capsys):
    text = "silomap: 1\nname: x\nsystems: [a\nteams: []\n"
    (tmp_path / "lf").mkdir()
    (tmp_path / "crlf").mkdir()
    (tmp_path / "lf" / "m.yaml").write_bytes(text.encode())
    (tmp_path / "crlf" / "m.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    assert (
        run_validate(tmp_path / "lf" / "m.yaml", capsys)[2].splitlines()[0]
        == run_validate(tmp_path / "crlf" / "m.yaml", capsys)[2].splitlines()[0]
    )


def test_ordinary_merge_reuse_is_fine(write):
    systems = "".join(f"  - <<: *defaults\n    id: s{i}\n" for i in range(200))
    text = "silomap: 1\nname: x\nentities: [{id: e}]\ndefaults: &defaults {kind: crm, holds: [e]}\n"
    path = write(text + "systems:\n" + systems)
    with pytest.raises(silomap.ModelError) as info:
        silomap.load(path)
    # 'defaults' is not a field: the one error; the 200 merges load fine
    assert [p.code for p in info.value.errors] == ["SM020"]


def test_aliases_have_no_side_effects(write):
    text = (
        "silomap: 1\nname: x\nentities: [{id: e}]\n"
        "systems:\n  - &a {id: a, holds: [e]}\n  - {<<: *a, id: b}\n"
    )
    model = silomap.load(write(text))
    assert [(s.id, s.holds) for s in model.systems] == [("a", ("e",)), ("b", ("e",))]


def test_empty_file_in_directory_is_a_warning(write, capsys):
    write("silomap: 1\nname: x\n", "m/a.yaml")
    code, out, err = run_validate(write("", "m/empty.yaml").parent, capsys)
    assert code == 0
    assert "empty.yaml:1:1: warning[SM090]: the file declares nothing" in err


def test_too_many_errors_are_capped(write, capsys):
    items = "".join(f"  - {{id: S{i}}}\n" for i in range(10_000))
    path = write("silomap: 1\nname: x\nsystems:\n" + items)
    start = time.monotonic()
    code, _, err = run_validate(path, capsys)
    assert time.monotonic() - start < HANG
    assert code == 2
    assert len([line for line in err.splitlines() if LINE.match(line)]) == 100
    assert "… and 9,900 more problems" in err


def test_symlink_outside_root_is_refused(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.yaml").write_text("name: SECRET-CANARY\n")
    model = tmp_path / "m"
    model.mkdir()
    (model / "a.yaml").write_text("silomap: 1\nname: x\n")
    (model / "evil.yaml").symlink_to(outside / "canary.yaml")
    (model / "loop").symlink_to(model)
    (model / "etc").symlink_to("/etc")
    code, out, err = run_validate(model, capsys)
    assert code == 2
    assert "evil.yaml:1:1: error[SM003]: symlink points outside the model root" in err
    assert "SECRET-CANARY" not in out + err
    assert "SM030" not in err  # the loop was not walked


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path, capsys):
    model = tmp_path / "m"
    model.mkdir()
    (model / "a.yaml").write_text("silomap: 1\nname: x\n")
    os.mkfifo(model / "pipe.yaml")
    start = time.monotonic()
    code, _, err = run_validate(model, capsys)
    assert time.monotonic() - start < HANG
    assert code == 2
    assert "pipe.yaml:1:1: error[SM003]: not a regular file" in err


def test_control_characters_in_keys_are_escaped(write, capsys):
    path = write(b'silomap: 1\nname: x\n"\\e]0;pwned\\a\\e[2J": 1\n')
    code, out, err = run_validate(path, capsys)
    assert code == 2
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in err
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_long_wrong_value_is_cut(write, capsys):
    token = "ghp_" + "A" * 60
    path = write(f"silomap: 1\nname: x\nsystems:\n  - id: a\n    holds: {token}\n")
    code, _, err = run_validate(path, capsys)
    assert "expected a list, got a string" in err
    assert token not in err


def test_directory_of_empty_files_is_an_error(write, capsys):
    write("", "m/a.yaml")
    code, _, err = run_validate(write("# only a comment\n", "m/b.yaml").parent, capsys)
    assert code == 2
    assert "a.yaml:1:1: error[SM016]: the model declares nothing" in err
    assert "1 error" in err


def test_text_output_cannot_forge_a_problem_line(write, capsys):
    path = write('silomap: 1\nname: x\n"x\\nmodel.yaml:1:1: error[SM999]: forged": 1\n')
    code, _, err = run_validate(path, capsys)
    assert code == 2
    assert [line for line in err.splitlines() if LINE.match(line)] == [
        "model.yaml:3:1: error[SM020]: x\\nmodel.yaml:1:1: error[SM999]: forged: unknown field "
        "'x\\nmodel.yaml:1:1: error[SM999]: forged' (contains invisible U+000A); expected one of: "
        "description, teams, entities, systems, integrations, questions, journeys, scoring, kpis, silomap, name"
    ]
