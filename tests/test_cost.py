"""What silos cost in money (cost.md): every figure of the worked example by hand, retail-bank's
first lines as the spec gives them, the text's rounding, and the JSON's shape and bytes.

The worked example (tests/data/cost/model.yaml, docs/cost.md) at CHF 60 an agent hour (one franc an
agent minute) and CHF 0.50 a customer minute, default minutes (hand-off 3, re-entry 1, extra
system 0.5, channel switch 5):

- move, 20 a month: providers self-service, agents, self-service, back-office: H = 3 (agents,
  self-service, back-office receive); address captured at s1, again at s2 (agents) and s3 (the
  customer): R = 2; channels web, phone, web (internal left out): CS = 2.
  agent minutes 20 * (3 * 3 + 2 * 1) = 220; customer minutes 20 * 2 * 5 = 200, CHF 100; money 320.
- buy, 10 a month: agents then back-office: H = 1 (back-office receives); address at b1, again at
  b2 (back-office): R = 1; phone then internal: CS = 0. agent minutes 10 * (3 + 1) = 40, money 40.
- browse has no volume: not costed.
- q1 needs address (app, crm) and order (erp): SPQ 2; 100 a month * 1 * 0.5 = 50 minutes, CHF 50.
  q2: SPQ 1, 0 minutes. q3 has no volume: not costed.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest

import silomap
from silomap._cli import main
from silomap._cost import hours, money, whole

from .conftest import DATA, load_worked, outputs_under_hash_seeds

ROOT = Path(__file__).resolve().parent.parent
MODEL = DATA / "cost" / "model.yaml"
RATES = DATA / "cost" / "rates.yaml"
BANK_RATES = ROOT / "examples" / "rates.yaml"


@pytest.fixture(scope="module")
def worked() -> silomap.Cost:
    return silomap.cost(load_worked(MODEL), RATES)


def test_each_journey_by_hand(worked):
    j = {c.id: c for c in worked.declared.journeys}
    assert list(j) == ["move", "buy"]  # model order; browse is not costed
    move, buy = j["move"], j["buy"]
    assert (move.volume, move.handoffs, move.reentries, move.channel_switches) == (20, 3, 2, 2)
    assert (move.agent_minutes, move.customer_minutes, move.money) == (
        20 * 11,
        20 * 2 * 5,
        220 + 200 * F(1, 2),
    )
    assert (buy.handoffs, buy.reentries, buy.channel_switches) == (1, 1, 0)
    assert (buy.agent_minutes, buy.customer_minutes, buy.money) == (10 * 4, 0, 40)


def test_each_question_by_hand(worked):
    q = {c.id: c for c in worked.declared.questions}
    assert list(q) == ["q1", "q2"]
    assert (q["q1"].systems, q["q1"].upper_bound, q["q1"].agent_minutes, q["q1"].money) == (2, False, 50, 50)
    assert (q["q2"].systems, q["q2"].agent_minutes, q["q2"].money) == (1, 0, 0)


def test_each_seam_kind_and_the_total_by_hand(worked):
    s, t = worked.declared.seams, worked.declared.total
    assert (s.handoffs.count, s.handoffs.minutes, s.handoffs.money) == (20 * 3 + 10 * 1, 210, 210)
    assert (s.reentries.count, s.reentries.minutes, s.reentries.money) == (20 * 2 + 10 * 1, 50, 50)
    assert (s.extra_systems.count, s.extra_systems.minutes, s.extra_systems.money) == (100, 50, 50)
    assert (s.channel_switches.count, s.channel_switches.minutes, s.channel_switches.money) == (40, 200, 100)
    assert (t.agent_minutes, t.agent_hours, t.customer_minutes, t.customer_money) == (
        310,
        F(310, 60),
        200,
        100,
    )
    assert t.money == 210 + 50 + 50 + 100


def test_teams_and_unattributed_by_hand_add_up_to_the_total(worked):
    d = worked.declared
    # back-office receives move's third hand-off (20) and buy's (10), and re-types address at b2 (10)
    # agents receive move's first hand-off (20) and re-type address at s2 (20)
    assert [(t.id, t.handoffs, t.reentries, t.agent_minutes, t.money) for t in d.teams] == [
        ("back-office", 30, 10, 30 * 3 + 10, 100),
        ("agents", 20, 20, 20 * 3 + 20, 80),
    ]
    u = d.unattributed  # move's hand-off to self-service, s3's re-entry by the customer, q1's extra system
    assert (u.handoffs, u.reentries, u.extra_systems, u.agent_minutes) == (20, 20, 100, 60 + 20 + 50)
    assert u.money == 130 + 100  # and the channel switches' customer minutes, valued
    assert sum(t.agent_minutes for t in d.teams) + u.agent_minutes == d.total.agent_minutes
    assert sum(t.money for t in d.teams) + u.money == d.total.money


def test_not_costed_is_listed_never_zero(worked):
    assert worked.declared.not_costed.journeys == ("browse",)
    assert worked.declared.not_costed.questions == ("q3",)
    data = worked.to_dict()
    assert data["not_costed"] == {"journeys": ["browse"], "questions": ["q3"]}
    assert "browse" not in [j["id"] for j in data["journeys"]]


def test_the_worked_text_by_hand(capsys):
    assert main(["cost", str(MODEL), str(RATES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "Silos cost about CHF 410 a month: hand-offs CHF 210, re-entries CHF 50, extra systems CHF 50, "
        "channel switches CHF 100",
        "5.2 agent hours a month at CHF 60.00 an hour; customers spend 200 minutes a month switching channels",
        "Not costed (no volume): journeys browse; questions q3",
    ]
    # tables by money: move (320) before buy (40); back-office (100) before agents (80), unattributed last
    assert [line.split()[0] for line in lines if line.startswith("  ")] == [
        "journey",
        "move",
        "buy",
        "question",
        "q1",
        "q2",
        "team",
        "back-office",
        "agents",
        "unattributed",
    ]


def test_retail_bank_first_lines_are_the_spec(capsys):
    # hand-offs 1500*2 + 1200*1 + 700*2 + 800*3 + 400*4 = 9,600, * 3 min = 28,800 min = 480 h = €20,400
    # re-entries 1500*2 + 1200*2 + 700*1 + 800*2 + 400*3 = 8,900 min = 148.33 h = €6,304.17
    # extra systems (4200 + 2600 + 900 + 650) * 1 * 0.5 = 4,175 min = 69.58 h = €2,957.29
    # 41,875 min = 697.9 h, €29,661.46; channel switches 10,600 * 5 = 53,000 customer minutes
    assert main(["cost", str(ROOT / "models" / "retail-bank"), str(BANK_RATES)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "Silos cost about €29,661 a month: hand-offs €20,400, re-entries €6,304, extra systems €2,957",
        "697.9 agent hours a month at €42.50 an hour; customers spend 53,000 minutes a month switching channels",
    ]


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (F(1, 2), "EUR", "€1"),  # half up
        (F(149, 100), "USD", "$1"),
        (F(12345675, 10), "GBP", "£1,234,568"),
        (F(-5, 2), "JPY", "-¥3"),  # a negative saving: half away from zero
        (F(1234), "CHF", "CHF 1,234"),
        (F(0), "SEK", "SEK 0"),
    ],
)
def test_money_in_whole_units_half_up(amount, currency, shown):
    assert money(amount, currency) == shown


def test_hours_one_decimal_and_minutes_whole_half_up():
    assert hours(F(3)) == "0.1"  # 0.05 h, half up
    assert hours(F(2)) == "0.0"  # 0.0333 h
    assert hours(F(90_000)) == "1,500.0"
    assert whole(F(5, 2)) == "3"
    assert whole(F(1_000_000)) == "1,000,000"


def test_nothing_costed(tmp_path, capsys):
    path = tmp_path / "m.yaml"
    path.write_text(
        "silomap: 1\nname: n\nteams: [{id: t}]\nentities: [{id: e}]\nsystems: [{id: a, holds: [e]}]\n"
        "questions: [{id: q, needs: [e]}]\n"
        "journeys: [{id: j, stage: sales, steps: [{id: s, actor: t, channel: phone, systems: [a]}]}]\n"
    )
    c = silomap.cost(silomap.load(path), BANK_RATES)
    data = c.to_dict()
    assert data["total"] is None and data["unattributed"] is None
    assert data["seams"] == dict.fromkeys(("handoffs", "reentries", "extra_systems", "channel_switches"))
    assert main(["cost", str(path), str(BANK_RATES)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Silos cost: not costed (no journey or question has a volume)",
        "Not costed (no volume): journeys j; questions q",
    ]


def test_a_seam_kind_with_no_costed_item_is_null(tmp_path, capsys):
    path = tmp_path / "m.yaml"
    path.write_text(
        "silomap: 1\nname: n\nteams: [{id: t}]\nentities: [{id: e}, {id: f}]\n"
        "systems: [{id: a, holds: [e]}, {id: b, holds: [f]}]\n"
        "questions: [{id: q, needs: [e, f], volume: 60}]\n"
        "journeys: [{id: j, stage: sales, steps: [{id: s, actor: t, channel: phone, systems: [a]}]}]\n"
    )
    c = silomap.cost(silomap.load(path), BANK_RATES)
    data = c.to_dict()
    assert data["seams"]["handoffs"] is None and data["seams"]["channel_switches"] is None
    assert data["unattributed"]["handoffs"] is None and data["unattributed"]["extra_systems"] == 60
    assert data["total"]["customer_minutes"] is None
    assert main(["cost", str(path), str(BANK_RATES)]) == 0
    # 60 * 1 * 0.5 = 30 agent minutes = 0.5 h = €21.25
    assert capsys.readouterr().out.splitlines()[:3] == [
        "Silos cost about €21 a month: hand-offs not costed, re-entries not costed, extra systems €21",
        "0.5 agent hours a month at €42.50 an hour",
        "Not costed (no volume): journeys j",
    ]


def test_the_json_is_the_spec_shape(worked):
    data = json.loads(worked.to_json())
    assert list(data) == [
        "currency",
        "rates",
        "total",
        "seams",
        "journeys",
        "questions",
        "teams",
        "unattributed",
        "not_costed",
    ]
    assert data["rates"] == {
        "currency": "CHF",
        "agent_hour": 60,
        "customer_minute": 0.5,
        "minutes": {"handoff": 3, "reentry": 1, "extra_system": 0.5, "channel_switch": 5},
    }
    assert data["total"] == {
        "money": 410.0,
        "agent_minutes": 310.0,
        "agent_hours": 310 / 60,
        "customer_minutes": 200.0,
        "customer_money": 100.0,
    }
    assert data["seams"]["channel_switches"] == {"count": 40, "customer_minutes": 200.0, "money": 100.0}
    assert data["journeys"][0] == {
        "id": "move",
        "volume": 20,
        "handoffs": 3,
        "reentries": 2,
        "channel_switches": 2,
        "agent_minutes": 220.0,
        "customer_minutes": 200.0,
        "money": 320.0,
    }
    assert data["questions"][0] == {
        "id": "q1",
        "volume": 100,
        "systems": 2,
        "upper_bound": False,
        "agent_minutes": 50.0,
        "money": 50.0,
    }
    assert data["teams"][0] == {
        "id": "back-office",
        "handoffs": 30,
        "reentries": 10,
        "agent_minutes": 100.0,
        "money": 100.0,
    }
    assert data["unattributed"] == {
        "handoffs": 20,
        "reentries": 20,
        "extra_systems": 100,
        "agent_minutes": 130.0,
        "money": 230.0,
    }


def test_unvalued_customer_minutes_have_no_money():
    c = silomap.cost(silomap.load(ROOT / "models" / "retail-bank"), BANK_RATES)
    data = c.to_dict()
    assert data["seams"]["channel_switches"]["money"] is None
    assert data["total"]["customer_money"] is None
    assert c.declared.total.money == F(28_800 + 8_900 + 4_175, 60) * F(85, 2)  # agent minutes only


def test_the_json_bytes_are_the_same_in_another_process():
    code = "import silomap; print(silomap.cost(silomap.load('models/retail-bank'), 'examples/rates.yaml').to_json())"
    runs = outputs_under_hash_seeds(code)
    assert runs[0] == runs[1]


def test_frames_have_the_json_columns(worked):
    frames = worked.frames()
    assert list(frames["teams"].columns) == ["id", "handoffs", "reentries", "agent_minutes", "money"]
    assert frames["journeys"].set_index("id").loc["move", "money"] == 320


def test_arguments_are_checked():
    model = silomap.load(ROOT / "models" / "retail-bank")
    with pytest.raises(silomap.UsageError, match=r"model= must be a silomap\.Model"):
        silomap.cost("models/retail-bank", BANK_RATES)  # type: ignore[arg-type]
    with pytest.raises(silomap.UsageError, match="rates= must be"):
        silomap.cost(model, 42)  # type: ignore[arg-type]
    with pytest.raises(silomap.UsageError, match="resamples= must be a whole number of at least 1"):
        silomap.cost(model, BANK_RATES, resamples=0)
    rates = silomap.load_rates(BANK_RATES)
    assert silomap.cost(model, rates).to_dict() == silomap.cost(model, BANK_RATES).to_dict()


def test_the_defaults_sources_are_worked_as_the_docs_say():
    """docs/cost.md grounds the default minutes in the keystroke-level model (Card, Moran and
    Newell 1980): K 0.28 s a keystroke, P 1.1 s to point, H 0.4 s to home, M 1.35 s to prepare."""
    k, p, h, m = 0.28, 1.1, 0.4, 1.35
    address = 50 * k + 4 * (m + p + k + h)  # 50 characters in 4 fields
    second_system = (p + k) + (p + k + h) + (m + 11 * k) + m  # switch, search field, key, read
    page = " ".join((ROOT / "docs" / "cost.md").read_text(encoding="utf-8").split())
    assert f"= {address:.1f} s of keying" in page
    assert f"read the answer (1.35): {second_system:.1f} s" in page
    # the table's defaults are those a rates file without `minutes` gets
    rates = silomap.load_rates(DATA / "cost" / "rates.yaml")
    assert (rates.handoff, rates.reentry, rates.extra_system, rates.channel_switch) == (3, 1, F(1, 2), 5)
    assert "| hand-off | 3 agent minutes |" in page and "| re-entry | 1 agent minute |" in page
    assert (
        "| extra system | 0.5 agent minutes |" in page and "| channel switch | 5 customer minutes |" in page
    )
