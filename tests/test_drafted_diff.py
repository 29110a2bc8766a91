"""``silomap diff`` between a hand-written model and a draft pairs items by slug (docs/versions.md,
"A draft beside a model: merging"), worked by hand on tests/data/draft-beside.yaml and
tests/data/draft/; two hand-written models are still compared by id alone.
"""

from __future__ import annotations

import json

import silomap
from silomap._cli import main
from silomap._metrics.matching import pairs

from .conftest import DATA, MODELS, ROOT

DRAFT = DATA / "draft"
MODEL = DATA / "draft-beside.yaml"


def test_the_pairs_by_hand():
    d = silomap.diff(silomap.load(MODEL), silomap.load(DRAFT))
    assert d.matched == (
        ("teams", "level-1", "first-line"),  # first-line is named "Level 1"; level-2 is in both
        ("systems", "erp", "sap"),  # sap is named "ERP"; crm is in both
        ("questions", "billing", "why-is-my-bill-high"),  # its text is "Billing"
        ("journeys", "billing", "pay-bill"),  # named "Billing"
        ("steps", "billing/queue", "take-call"),  # named "Queue"; work and close are in both
    )  # unassigned, outage and the placeholders have no counterpart


def test_the_figures_in_the_models_ids():
    """Model: SPQ(why-is-my-bill-high) = 1 (sap holds invoice and gets contract from crm); pay-bill
    first-line, level-2, first-line: 2 hand-offs, 1 channel switch (phone, email). Score
    100 (0 + 2/3 + 0 + 0) / 4 = 16.7 (sync not measured). Draft: 38.9 (test_drafted)."""
    found = silomap.diff(silomap.load(MODEL), silomap.load(DRAFT)).to_dict()
    assert (found["base"]["score"], found["head"]["score"], found["delta"]) == (16.7, 38.9, 22.2)
    journeys = {j["id"]: j for j in found["journeys"]}
    assert journeys["pay-bill"]["status"] == "same" and journeys["pay-bill"]["handoffs"] == [2, 2]
    assert journeys["outage"]["status"] == "added" and "billing" not in journeys
    questions = {q["id"]: q["spq"] for q in found["questions"]}
    assert questions == {"why-is-my-bill-high": [1, 2], "outage": [None, 2]}
    # erp is sap by slug: no system added or removed; the model's one integration is not in the draft
    assert found["systems"] == {"added": [], "removed": []}
    assert found["integrations"]["removed"] == ["crm -> sap (contract; realtime)"]
    assert found["matched"][3] == {"kind": "journeys", "head": "billing", "base": "pay-bill"}


def test_a_key_two_items_share_pairs_neither():
    """Base: pay-bill named "Billing" and bills named "billing!" both have the key billing; the
    head's billing has two candidates: it stays added, both stay removed."""
    base = [silomap.Team(id="pay-bill", name="Billing"), silomap.Team(id="bills", name="billing!")]
    assert pairs(base, [silomap.Team(id="billing")]) == {}
    # and the other way: two head items for one base item
    assert pairs([silomap.Team(id="pay-bill", name="Billing")], [silomap.Team(id="billing"),
                                                                  silomap.Team(id="x", name="BILLING")]) == {}  # fmt: skip
    # a name with accents and signs: NFKD, ASCII, lower case, runs of others '-'
    assert pairs([silomap.Team(id="t1", name="Équipe  Clients!")], [silomap.Team(id="equipe-clients")]) == {
        "equipe-clients": "t1"
    }


def test_two_hand_written_models_are_compared_by_id(capsys):
    """No x-evidence on either side: no pairing, no ``matched`` key, the output as before."""
    bank = silomap.load(MODELS / "retail-bank")
    assert "matched" not in silomap.diff(bank, bank).to_dict()
    assert main(["diff", str(MODEL), str(MODEL)]) == 0
    assert "matched by slug" not in capsys.readouterr().out


def test_the_text_markdown_and_docs(capsys, tmp_path):
    assert main(["diff", str(MODEL), str(DRAFT)]) == 0
    out = capsys.readouterr().out.splitlines()
    page = (ROOT / "docs" / "versions.md").read_text(encoding="utf-8")
    shown = page.split("```text\nsilomap diff: Draft from", 1)[1].split("\n```", 1)[0]
    shown_lines = ["silomap diff: Draft from" + shown.splitlines()[0], *shown.splitlines()[1:]]
    at = 0  # trimmed: every line shown is in the output, in its order
    for line in shown_lines:
        at = out.index(line, at) + 1
    md = tmp_path / "diff.md"
    assert main(["diff", str(MODEL), str(DRAFT), "-o", str(md)]) == 0
    assert "**Matched by slug:** team level-1 = first-line, system erp = sap" in md.read_text()
    assert capsys.readouterr().out == f"wrote {md}\n"
    assert main(["diff", str(MODEL), str(DRAFT), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["matched"]) == 5
