"""A CALM file written by Python's ``json.dumps`` (its default escapes every character past U+FFFF
as a surrogate pair, ``\\ud83d\\ude00``) is valid JSON: it is read, its names kept, and a problem
after such a character is placed where the file has it (the reader, YAML's, takes no surrogate)."""

from __future__ import annotations

import json

import yaml

from silomap._cli import main

from .conftest import ROOT

SIGNUP = ROOT / "tests" / "data" / "calm" / "conference-signup-with-flow.arch.json"


def test_characters_past_ffff_escaped_as_json_escapes_them_are_read(tmp_path, capsys):
    arch = json.loads(SIGNUP.read_text(encoding="utf-8"))
    name = "Sign-up \U0001f600 \U0001d538"  # an emoji, a mathematical A: two pairs
    arch["nodes"][0]["name"] = name
    source = tmp_path / "arch.json"
    source.write_text(json.dumps(arch, indent=2), encoding="ascii")
    assert "\\ud83d\\ude00" in source.read_text() and "\\ud835\\udd38" in source.read_text()
    assert main(["import", "calm", str(source), "-o", str(tmp_path / "m")]) == 0, capsys.readouterr().err
    systems = yaml.safe_load((tmp_path / "m" / "systems.yaml").read_text(encoding="utf-8"))["systems"]
    assert name in [s.get("name") for s in systems]


def test_a_problem_after_such_a_character_is_placed_where_the_file_has_it(tmp_path, capsys):
    """On one line: the pair takes 12 characters in the file, where the reader's rewritten text has
    10; the unknown node 'zz' after it is reported at its column in the file."""
    arch = {
        "nodes": [
            {"unique-id": "a", "node-type": "system", "name": "Smile \U0001f600", "description": "x"},
            {"unique-id": "b", "node-type": "system", "name": "B", "description": "y"},
        ],
        "relationships": [
            {
                "unique-id": "r",
                "relationship-type": {"connects": {"source": {"node": "a"}, "destination": {"node": "zz"}}},
            }
        ],
    }
    text = json.dumps(arch)  # one line
    source = tmp_path / "arch.json"
    source.write_text(text, encoding="ascii")
    assert main(["import", "calm", str(source), "-o", str(tmp_path / "m")]) == 2
    column = text.index('"zz"') + 1  # 1-based, in characters: where an editor shows it
    assert f"arch.json:1:{column}: error[SM064]: relationships[0]" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_an_escaped_backslash_before_u_is_text(tmp_path, capsys):
    """``\\\\ud83d`` in the file is a backslash and the letters ud83d: no character is made of it."""
    arch = json.loads(SIGNUP.read_text(encoding="utf-8"))
    arch["nodes"][0]["description"] = "see \\ud83d\\ude00 in the log"
    source = tmp_path / "arch.json"
    source.write_text(json.dumps(arch, indent=2), encoding="ascii")
    assert main(["import", "calm", str(source), "-o", str(tmp_path / "m")]) == 0, capsys.readouterr().err
    systems = yaml.safe_load((tmp_path / "m" / "systems.yaml").read_text(encoding="utf-8"))["systems"]
    assert "see \\ud83d\\ude00 in the log" in [s.get("description") for s in systems]
