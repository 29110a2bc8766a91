"""Fixes in money (cost.md): each fix's saving is what whatif says the change saves, --by money ranks
by it, its roadmap says the money after each step; whatif and diff with --rates say the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

from .test_change_kinds import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
RATES = str(ROOT / "examples" / "rates.yaml")
BANK = str(ROOT / "models" / "retail-bank")
# where-is-my-card is asked 4,200 times a month and needs 2 systems; with the card platform linked to
# the courier portal it needs 1: 4,200 * 0.5 min = 2,100 agent minutes = 35 h * €42.50 = €1,487.50
CARD_SAVES = 4200 * 0.5 / 60 * 42.5
# 41,875 agent minutes a month (docs/cost.md) at €42.50 an hour
BANK_COST = 41875 / 60 * 42.5


def _json(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("model", ["retail-bank", "telecom"])
def test_saves_is_what_whatif_says_on_every_listed_fix(model, tmp_path, capsys):
    path = str(ROOT / "models" / model)
    found = _json(capsys, ["fixes", path, "--rates", RATES, "--top", "10", "--json"])
    assert found["currency"] == "EUR" and found["by"] == "score"
    assert len(found["fixes"]) == 10
    for fix in found["fixes"]:
        changes = tmp_path / f"fix-{fix['rank']}.yaml"
        changes.write_text(json.dumps({"silomap-changes": 1, "changes": [fix["change"]]}))
        said = _json(capsys, ["whatif", path, str(changes), "--rates", RATES, "--json"])["cost"]
        assert said["before"] == found["cost"]
        assert fix["saves"] == pytest.approx(-said["change"], abs=1e-9), fix["summary"]


def test_by_money_ranks_what_saves_most(capsys):
    found = _json(capsys, ["fixes", BANK, "--rates", RATES, "--by", "money", "--top", "3", "--json"])
    saves = [fix["saves"] for fix in found["fixes"]]
    assert found["by"] == "money" and found["cost"] == pytest.approx(BANK_COST)
    assert saves[0] == pytest.approx(CARD_SAVES)
    assert saves == sorted(saves, reverse=True) and all(s > 0 for s in saves)
    assert [fix["rank"] for fix in found["fixes"]] == [1, 2, 3]
    by_score = _json(capsys, ["fixes", BANK, "--rates", RATES, "--top", "30", "--json"])["fixes"]
    best = max((f["saves"] for f in by_score), default=0)
    assert saves[0] == best  # no fix of the score's list saves more


def test_by_money_roadmap_says_the_money_after_each_step(capsys):
    found = _json(capsys, ["fixes", BANK, "--rates", RATES, "--by", "money", "--roadmap", "2", "--json"])
    first, second = found["roadmap"]
    assert first["cost_after"] == pytest.approx(BANK_COST - CARD_SAVES)
    assert first["change"] == found["fixes"][0]["change"]
    assert second["cost_after"] < first["cost_after"]


def test_the_text_says_the_money(capsys):
    assert main(["fixes", BANK, "--rates", RATES, "--by", "money", "--top", "1", "--roadmap", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:4] == [
        "Silo score now: 40.04",
        "Silos cost now: €29,661 a month",
        "Fixes that save money, the most first",
    ]
    assert lines[5].startswith(
        "  1. [quick] 37.95 (-2.09) saves €1,488 a month  connect Card Management Platform"
    )
    assert "  start 40.04, €29,661 a month" in lines
    # 29,661.46 - 1,487.50 = 28,173.96
    assert any(line.startswith("  1. [quick] 37.95, €28,174 a month after  connect") for line in lines)


def test_by_money_needs_rates(capsys):
    assert main(["fixes", BANK, "--by", "money"]) == 2
    assert "--by money ranks fixes by what they save: give --rates RATES" in capsys.readouterr().err
    with pytest.raises(silomap.UsageError, match="by= money ranks fixes by what they save: give rates too"):
        silomap.fixes(silomap.load(BANK), by="money")
    with pytest.raises(silomap.UsageError, match="by= is 'cash': one of score, money"):
        silomap.fixes(silomap.load(BANK), by="cash", rates=RATES)


def test_python_takes_rates_as_a_keyword():
    bank = silomap.load(BANK)
    found = silomap.fixes(bank, top=3, roadmap=1, rates=silomap.load_rates(RATES), by="money")
    assert found.currency == "EUR" and found.fixes[0].saves == pytest.approx(CARD_SAVES)
    assert found.roadmap[0].cost_after == pytest.approx(BANK_COST - CARD_SAVES)
    plain = silomap.fixes(bank, top=3, roadmap=0)
    assert plain.currency is None and "currency" not in plain.to_dict()
    assert all(fix.saves is None for fix in plain.fixes)


def test_whatif_and_diff_say_the_change_in_money(tmp_path, capsys):
    changes = tmp_path / "link.yaml"
    changes.write_text(
        "silomap-changes: 1\nchanges:\n  - add-integration: {from: card-management, to: courier-portal, "
        "carries: [address], mode: realtime}\n"
    )
    assert main(["whatif", BANK, str(changes), "--rates", RATES]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Silos cost €29,661 a month before, €28,174 after: €1,488 a month less"
    )
    assert main(["whatif", BANK, str(changes), "--rates", RATES, "--write", str(tmp_path / "after")]) == 0
    capsys.readouterr()
    said = _json(capsys, ["diff", BANK, str(tmp_path / "after"), "--rates", RATES, "--json"])["cost"]
    assert said == {
        "currency": "EUR",
        "before": pytest.approx(BANK_COST),
        "after": pytest.approx(BANK_COST - CARD_SAVES),
        "change": pytest.approx(-CARD_SAVES),
    }
    assert main(["diff", BANK, str(tmp_path / "after"), "--rates", RATES]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("€1,488 a month less")


def test_a_change_that_costs_more_says_so(tmp_path, capsys):
    # retiring nothing but splitting: a journey step handed to another team adds a hand-off
    base = tmp_path / "m.yaml"
    base.write_text(
        "silomap: 1\nname: n\nteams: [{id: a}, {id: b}]\nentities: [{id: e}]\nsystems: [{id: s, holds: [e]}]\n"
        "journeys: [{id: j, stage: sales, volume: 100, steps: [{id: x, actor: a, channel: phone, systems: [s]},"
        " {id: y, actor: a, channel: phone, systems: [s]}]}]\n"
    )
    head = tmp_path / "h.yaml"
    head.write_text(base.read_text().replace("{id: y, actor: a", "{id: y, actor: b"))
    assert main(["diff", str(base), str(head), "--rates", RATES]) == 0
    # one hand-off more, 100 a month * 3 min = 300 min = 5 h * €42.50 = €212.50, half up €213
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "Silos cost €0 a month before, €213 after: €213 a month more"
    )


def test_whatif_and_diff_take_rates_in_python():
    bank = silomap.load(BANK)
    link = silomap.Change.model_validate(
        {"add-integration": {"from": "card-management", "to": "courier-portal", "carries": ["address"]}}
    )
    priced = silomap.whatif(bank, link, rates=RATES)
    assert float(priced.cost.change) == -CARD_SAVES
    assert priced.to_dict()["cost"]["after"] == pytest.approx(BANK_COST - CARD_SAVES)
    assert "cost" not in silomap.whatif(bank, link).to_dict()
    after = silomap.apply(bank, link)
    assert silomap.diff(bank, after, rates=RATES).to_dict()["cost"] == priced.to_dict()["cost"]
    assert "cost" not in silomap.diff(bank, after).to_dict()


def test_the_frame_has_what_each_fix_saves():
    bank = silomap.load(BANK)
    frame = silomap.fixes(bank, top=2, roadmap=0, rates=RATES, by="money").frame()
    assert list(frame.columns)[-1] == "saves"
    assert frame["saves"].tolist()[0] == pytest.approx(CARD_SAVES)
    assert "saves" not in silomap.fixes(bank, top=2, roadmap=0).frame().columns


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_the_money_of_every_kind_of_change_is_measured_again(kind):
    # fixes measure a journey again only where the change edited it: each kind of change against
    # the full cost of the changed model
    from silomap._cost import load_rates, money_of

    bank, rates = silomap.load(BANK), load_rates(RATES)
    after = silomap.apply(bank, silomap.Change.model_validate({kind: EXAMPLES[kind][0]}))
    known = {j: silomap.analyze(bank).journey(j.id) for j in bank.journeys}
    full = silomap.cost(after, rates).declared.total.money
    assert money_of(after, rates, known) == full == money_of(after, rates)


def test_a_prefill_saves_the_re_entry_by_hand():
    # report-lost-card (1,500 a month) types customer-profile and card-order again at bot-hands-over;
    # pre-filling customer-profile leaves 1 re-entry: 1,500 * 1 min = 25 h * €42.50 = €1,062.50
    change = silomap.Change.model_validate({"edit-step": EXAMPLES["edit-step"][0]})
    priced = silomap.whatif(silomap.load(BANK), change, rates=RATES)
    assert float(priced.cost.change) == -1500 / 60 * 42.5
