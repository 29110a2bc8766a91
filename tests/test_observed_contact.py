"""Contact-center figures (docs/observed.md, "Contact-center figures"): containment, average handle
time and fallout per declared step, each worked by hand on a small log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

from .conftest import ROOT

MODEL = """\
silomap: 1
name: Help
teams: [{id: l1}]
systems: [{id: portal}, {id: crm}]
journeys:
  - id: fix-address
    stage: after-sales
    steps:
      - {id: update, actor: customer, channel: web, systems: [portal]}
      - {id: call, actor: l1, channel: phone, systems: [crm]}
      - {id: close, actor: l1, channel: phone, systems: [crm]}
"""
# c1 (k1) updates on the web and k1 comes back 3 days later (c3); c2 (k2) goes through; c4 (no
# customer) updates, then calls (an activity the mapping does not map); c5 updates and stops.
LOG = """\
case,activity,time,group,channel,customer,seconds
c1,Update,2026-01-01T09:00:00,,web,k1,60
c2,Update,2026-01-01T10:00:00,,web,k2,120
c2,Call,2026-01-01T10:30:00,L1,phone,k2,300
c2,Close,2026-01-01T10:40:00,L1,phone,k2,60
c3,Update,2026-01-04T09:00:00,,web,k1,30
c4,Update,2026-01-02T09:00:00,,web,,
c4,Phone call,2026-01-02T09:20:00,L1,phone,,
c5,Update,2026-01-03T09:00:00,,web,k5,
"""
COLUMNS = {
    "case": "case",
    "activity": "activity",
    "timestamp": "time",
    "resource": None,
    "group": "group",
    "channel": "channel",
    "customer": "customer",
    "duration": "seconds",
}
STEPS = {"Update": "fix-address/update", "Call": "fix-address/call", "Close": "fix-address/close"}


def _observe(folder: Path, log: str = LOG, model: str = MODEL, **changes: object) -> dict:
    (folder / "model.yaml").write_text(model, encoding="utf-8")
    (folder / "log.csv").write_text(log, encoding="utf-8")
    mapping = {"silomap-log": 1, "log": "log.csv", "columns": COLUMNS, "teams": {"L1": "l1"}, "steps": STEPS}
    mapping.update(changes)
    (folder / "m.yaml").write_text(json.dumps(mapping), encoding="utf-8")
    return silomap.observe(silomap.load(folder / "model.yaml"), folder / "m.yaml").to_dict()["contact_center"]


def test_containment_handle_time_and_fallout_by_hand(tmp_path):
    """Self-service channels: web (the customer's own step, with a system; no team works on it).
    Contained: c3 and c5 (web alone, no case of their customer after them within 7 days); not c1
    (k1 comes back with c3 three days later), c2 and c4 (phone): 2/5 = 0.4.
    Handle time: c1 60 s, c2 120 + 300 + 60 = 480 s, c3 30 s; c4 and c5 have none: (60 + 480 + 30)/3
    = 190 s over 3 cases.
    Fallout: the 5 cases follow fix-address (c1, c3, c4, c5: sigma = update, fitness 1 - 2/4 = 0.5;
    c2: 1); all 5 reach update, c2 alone call and close; 4 go no further than update: c4 next makes
    a phone call (team l1, channel phone), c1, c3 and c5 end there."""
    found = _observe(tmp_path)
    assert found == {
        "self_service_channels": ["web"],
        "containment_rate": 0.4,
        "contained_cases": 2,
        "average_handle_time_seconds": 190.0,
        "handled_cases": 3,
        "fallout": [
            {
                "journey": "fix-address",
                "cases": 5,
                "steps": [
                    {
                        "step": "update",
                        "reached": 5,
                        "fell_out": 4,
                        "ended": 3,
                        "next": {
                            "activities": {"Phone call": 1},
                            "teams": {"l1": 1},
                            "channels": {"phone": 1},
                        },
                    },
                    {
                        "step": "call",
                        "reached": 1,
                        "fell_out": 0,
                        "ended": 0,
                        "next": {"activities": {}, "teams": {}, "channels": {}},
                    },
                    {
                        "step": "close",
                        "reached": 1,
                        "fell_out": 0,
                        "ended": 0,
                        "next": {"activities": {}, "teams": {}, "channels": {}},
                    },
                ],
            }
        ],
        "not_measured": {},
    }


LIFECYCLE = """\
case,activity,time,channel,life
x,Call,2026-01-01T10:00:00,phone,start
x,Call,2026-01-01T10:05:00,phone,complete
x,Close,2026-01-01T10:06:00,phone,start
x,Close,2026-01-01T10:08:00,phone,complete
y,Call,2026-01-01T11:00:00,phone,start
"""
LIFE_COLUMNS = {**COLUMNS, "group": None, "customer": None, "duration": None, "lifecycle": "life"}


def test_handle_time_from_start_and_complete(tmp_path):
    """x: Call 10:00 to 10:05, 300 s, and Close 10:06 to 10:08, 120 s: 420 s; y's start has no
    complete: no duration. 420 s over 1 case. No channel of the log is self-service (phone only)."""
    found = _observe(tmp_path, LIFECYCLE, columns=LIFE_COLUMNS)
    assert (found["average_handle_time_seconds"], found["handled_cases"]) == (420.0, 1)
    assert (found["containment_rate"], found["contained_cases"]) == (None, None)
    assert found["not_measured"] == {
        "containment": "no channel of the log is self-service (the model's self-service channels: web)"
    }


def test_not_measured_says_why(tmp_path):
    columns = {**COLUMNS, "channel": None, "duration": None}
    found = _observe(tmp_path, columns=columns)
    assert found["not_measured"] == {
        "containment": "the mapping gives no channel column",
        "average_handle_time": "the mapping gives no duration nor lifecycle column",
    }
    assert [found[k] for k in ("containment_rate", "average_handle_time_seconds")] == [None, None]
    # a model with no self-service channel: web is worked by a team too
    staffed = MODEL + "      - {id: reply, actor: l1, channel: web, systems: [crm]}\n"
    found = _observe(tmp_path, model=staffed)
    assert found["self_service_channels"] == []
    assert found["not_measured"]["containment"] == (
        "no channel of the log is self-service (the model's self-service channels: none)"
    )


@pytest.mark.parametrize("mapped", [{"web": "web"}, {"Web portal": "web"}])
def test_a_log_channel_is_taken_through_the_mappings_channels(tmp_path, mapped):
    log = LOG.replace(",web,", ",Web portal,") if "Web portal" in mapped else LOG
    found = _observe(tmp_path, log, channels=mapped)
    assert found["contained_cases"] == 2


def _docs() -> str:
    return (ROOT / "docs" / "observed.md").read_text(encoding="utf-8")


def test_the_docs_worked_example_is_what_observe_gives(tmp_path, capsys):
    """docs/observed.md, "Contact-center figures": its log is this test's, its JSON block and the
    lines of text it quotes are what observe gives."""
    docs = _docs()
    section = docs[docs.index("## Contact-center figures") : docs.index("## Object-centric logs")]
    assert LOG in section
    block = section[section.index("```json\n") + 8 :]
    block = block[: block.index("```")].replace("{...}", '{"activities": {}, "teams": {}, "channels": {}}')
    assert json.loads("{" + block + "}")["contact_center"] == _observe(tmp_path)
    assert main(["observe", str(tmp_path / "model.yaml"), str(tmp_path / "m.yaml")]) == 0
    text = capsys.readouterr().out.splitlines()
    contact = text[text.index("Contact center") + 1 :]
    assert contact == [
        "  containment 40% (2 cases on self-service channels alone, not repeated within the window; "
        "self-service: web)",
        "  average handle time 3.2 min over 3 cases",
        "  fix-address: 4 of 5 reaching update go no further: next phone 1, ended 3",
    ]
    flat = " ".join(section.split())
    for line in contact:
        assert f"`{line.strip()}`" in flat, line


@pytest.mark.needs("spark", "java")
@pytest.mark.parametrize("life", [False, True])
def test_spark_gives_the_same_contact_center_figures(tmp_path, life):
    duck = _observe(tmp_path, LIFECYCLE, columns=LIFE_COLUMNS) if life else _observe(tmp_path)
    model = silomap.load(tmp_path / "model.yaml")
    spark = silomap.observe(model, tmp_path / "m.yaml", engine="spark").to_dict()["contact_center"]
    assert spark == duck


def test_the_reports_say_the_contact_center_lines(tmp_path):
    """The Markdown and HTML reports carry the lines the text prints (the section's words, escaped)."""
    from silomap._reports.markdown import markdown_report
    from silomap._reports.sections import Context
    from silomap._reports.sections.observed import html

    _observe(tmp_path)
    model = silomap.load(tmp_path / "model.yaml")
    seen = silomap.observe(model, tmp_path / "m.yaml")
    text = markdown_report(model, silomap.analyze(model), observed=seen)
    lines = [
        "containment 40% (2 cases on self-service channels alone, not repeated within the window; "
        "self-service: web)",
        "average handle time 3.2 min over 3 cases",
        "fix-address: 4 of 5 reaching update go no further: next phone 1, ended 3",
    ]
    assert "\nContact center:\n\n" + "".join(f"- {line}\n" for line in lines) in text
    page = html(Context(silomap.analyze(model), model, observed=seen))
    assert "<h3>Contact center</h3>" in page and all(f"<li>{line}</li>" in page for line in lines)
