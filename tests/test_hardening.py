"""What real files, a new user and an attacker found (issue 9): a test per family."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import silomap
from silomap._cli import main
from silomap._model import load_with_warnings

from .conftest import ROOT

HEAD = "silomap: 1\nname: x\nentities: [{id: a}, {id: b}]\n"


def errors(path) -> list[str]:
    with pytest.raises(silomap.ModelError) as info:
        silomap.load(path)
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
        "-: valid (1 systems, 0 integrations, 0 teams, 0 questions, 0 journeys)\n",
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
    assert errors(tmp_path / "m") == ["secret:1:1: error[SM003]: cannot read this folder: Permission denied"]


def test_an_invalid_kind_does_not_hide_other_errors(write):
    text = HEAD + "systems:\n  - {id: crm, kind: crmm, holds: [a]}\nquestions:\n  - {id: q, needs: [a, b]}\n"
    found = errors(write(text))
    assert [e.split(": ")[1] for e in found] == ["error[SM022]", "error[SM034]"]
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
