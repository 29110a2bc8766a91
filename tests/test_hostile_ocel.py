"""Object-centric logs (OCEL 2.0 JSON) from files nobody here wrote (docs/hostile-inputs): a number
too long to read, and text that would drive a terminal, each a located error or shown inert; never an
internal error, never a raw control character on screen."""

from __future__ import annotations

import json
import re

from silomap._cli import main

from .conftest import ROOT

MODEL = (ROOT / "examples" / "observed" / "purchase-to-pay-model.yaml").read_text(encoding="utf-8")
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _observe(tmp_path, capsys, log_text: str, *options: str) -> tuple[int, str, str]:
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "log.jsonocel").write_text(log_text, encoding="utf-8")
    mapping = {"silomap-log": 1, "log": "log.jsonocel", "columns": {"resource": None, "group": None},
               "case_object": "ticket", "steps": {"Insert Invoice": "pay-invoice/insert"}}  # fmt: skip
    (tmp_path / "map.yaml").write_text(json.dumps(mapping), encoding="utf-8")
    code = main(["observe", str(tmp_path / "model.yaml"), str(tmp_path / "map.yaml"), *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_integer_too_long_to_read_is_a_located_error(tmp_path, capsys):
    """Python refuses to read an integer of more than 4,300 digits (a ValueError, not a JSON error):
    it was an internal error (exit 4). Line 2 before the number is ' "attributes": [{"name": "n", "value": ',
    1 + 13 + 1 + 2 + 7 + 1 + 4 + 1 + 8 + 1 = 39 characters: the number starts at column 40."""
    head = '{"objects": [{"id": "c1", "type": "ticket",\n "attributes": [{"name": "n", "value": '
    text = head + "9" * 5000 + '}]}], "events": []}'
    code, out, err = _observe(tmp_path, capsys, text)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{tmp_path / 'log.jsonocel'}:2:40: error[SM080]: a number of 5,000 digits; "
        "silomap reads numbers of at most 4,300",
        "1 error; nothing was computed",
    ]


def test_a_negative_integer_too_long_is_placed_at_its_sign(tmp_path, capsys):
    text = '{"events": [{"id": "e", "n": -' + "1" * 4301 + "}]}"
    code, _, err = _observe(tmp_path, capsys, text)
    assert code == 2 and f":1:{text.index('-') + 1}: error[SM080]: a number of 4,301 digits;" in err


def test_event_and_object_types_that_drive_a_terminal_are_shown_inert(tmp_path, capsys):
    """An object type with a bidi override, an event type with ESC sequences: the text the terminal
    shows holds their escapes (``\\u202e``), never the characters."""
    log = {
        "objects": [{"id": "c1", "type": "ticket"}, {"id": "k1", "type": "cust\u202eomer"}],
        "events": [
            {"id": "e1", "type": "Insert\u001b]8;;http://x\u001b\\ Invoice", "time": "2026-01-01T09:00:00Z",
             "relationships": [{"objectId": "c1"}, {"objectId": "k1"}]},
            {"id": "e2", "type": "\u001b[2J", "time": "2026-01-01T10:00:00Z", "relationships": [{"objectId": "c1"}]},
        ],
    }  # fmt: skip
    for options in ((), ("--json",)):
        code, out, err = _observe(tmp_path, capsys, json.dumps(log), *options)
        assert code == 0 and RAW.findall(out + err) == []
    code, out, _ = _observe(tmp_path, capsys, json.dumps(log))
    assert "cases that touch other object types: cust\\u202eomer 1" in out


def test_json_nested_past_what_python_reads_says_so_without_a_false_bound(tmp_path, capsys):
    """Python's JSON reader stops near its recursion limit (about 1,000 levels), not at 64 as the
    message said."""
    code, out, err = _observe(tmp_path, capsys, '{"events": ' + "[" * 5000 + "]" * 5000 + "}")
    assert code == 2 and out == ""
    assert err.splitlines()[0].endswith(
        "error[SM080]: JSON nested deeper than Python reads; an OCEL log nests 5 levels"
    )
