"""An object-centric log with many bad records shows what any other bad input shows: the first 100
problems (``Limits.errors_shown``), each at its line and column, then '… and N more problems' and the
count of all of them. The OCEL readers kept 50 of their own and a summary line with no place, which
sorted first, above the problems it summed up."""

from __future__ import annotations

import json

import silomap
from silomap._cli import main

from .conftest import ROOT

MODEL = ROOT / "examples" / "observed" / "purchase-to-pay-model.yaml"
BAD = 120  # records with a time that is no time: 100 shown, 20 more counted


def _mapping(log: str) -> dict[str, object]:
    """A mapping of the log's ``Insert Invoice`` events on tickets to a step of the model."""
    steps = {"Insert Invoice": "pay-invoice/insert"}
    columns = {"resource": None, "group": None}
    return {"silomap-log": 1, "log": log, "columns": columns, "case_object": "ticket", "steps": steps}


def _observe(tmp_path, capsys, name: str, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(json.dumps(_mapping(name)), encoding="utf-8")
    assert main(["observe", str(MODEL), str(tmp_path / "map.yaml")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err.splitlines()


def _json_log() -> str:
    """One event a line: event i (from 0) on line i + 2, its time's value after
    ``{"id": "e<i>", "type": "Insert Invoice", "time": ``: 1 + 4 + 2 + (3 + the id's digits) + 2 +
    6 + 2 + 16 + 2 + 6 + 2 = 46 characters and the id's digits, so at column 47 + its digits."""
    head = '{"objects": [{"id": "c1", "type": "ticket"}], "events": ['
    events = [
        f'{{"id": "e{i}", "type": "Insert Invoice", "time": "2022-13-01", "relationships": [{{"objectId": "c1"}}]}}'
        for i in range(BAD)
    ]
    return head + "\n" + ",\n".join(events) + "\n]}\n"


def test_a_json_log_of_120_bad_events_shows_the_first_100_in_order_then_20_more(tmp_path, capsys):
    err = _observe(tmp_path, capsys, "log.jsonocel", _json_log())
    log = tmp_path / "log.jsonocel"
    shown = [
        f"{log}:{i + 2}:{47 + len(str(i))}: error[SM088]: events[{i}].time: not a time in ISO 8601: '2022-13-01'"
        for i in range(100)
    ]
    assert err == [*shown, "… and 20 more problems", "120 errors; nothing was computed"]


def test_every_problem_of_a_bad_log_is_kept_and_placed(tmp_path):
    """In Python, the error holds all 120, each at its line, none a summary without a place."""
    (tmp_path / "log.jsonocel").write_text(_json_log(), encoding="utf-8")
    (tmp_path / "map.yaml").write_text(json.dumps(_mapping("log.jsonocel")), encoding="utf-8")
    try:
        silomap.observe(silomap.load(MODEL), tmp_path / "map.yaml")
    except silomap.ModelError as err:
        problems = err.errors
    else:
        raise AssertionError("a log of bad times was read")
    assert [p.line for p in problems] == list(range(2, BAD + 2))
    assert {p.code for p in problems} == {"SM088"} and all(p.col > 0 for p in problems)


def test_an_xml_log_of_120_bad_events_shows_the_first_100_at_their_lines(tmp_path, capsys):
    """One event a line from line 4, at column 1: event i on line i + 4."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log><objects><object id="c1" type="ticket"/></objects>\n'
        "<events>\n"
    )
    events = "".join(
        f'<event id="e{i}" type="Insert Invoice" time="soon"><objects>'
        f'<relationship object-id="c1" qualifier=""/></objects></event>\n'
        for i in range(BAD)
    )
    err = _observe(tmp_path, capsys, "log.xmlocel", head + events + "</events></log>\n")
    log = tmp_path / "log.xmlocel"
    shown = [f"{log}:{i + 4}:1: error[SM088]: not a time in ISO 8601: 'soon'" for i in range(100)]
    assert err == [*shown, "… and 20 more problems", "120 errors; nothing was computed"]
