"""Stages and what customers feel, on tests/data/experience.yaml, every figure worked out by hand
(docs/experience.md and docs/maturity.md show the same arithmetic)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest
import yaml

import silomap
from silomap._metrics.experience import spearman

from .conftest import DATA, MODELS, ROOT


@pytest.fixture(scope="module")
def result() -> silomap.Analysis:
    return silomap.analyze(silomap.load(DATA / "experience.yaml"))


def test_stage_scores_count_only_what_each_stage_touches(result):
    discovery, sales, after = result.stages
    assert [s.stage for s in result.stages] == ["discovery", "sales", "after-sales"]
    # discovery: q-profile f(1)=0; discover H=1 -> f(2)=1/2; 1 re-entry of 2 captures; sales uses crm
    # there only -> f(1)=0; profile (captured) held by api and crm, unsynced 1 of 1 -> 100 x 2/5 = 40.0
    assert {c.name: c.value for c in discovery.components} == {
        "fragmentation": 0, "handoffs": Fraction(1, 2), "reentry": Fraction(1, 2), "desktop": 0, "sync": 1}  # fmt: skip
    assert (discovery.score, discovery.band) == (40.0, "partly integrated")
    # sales: q-order 0; buy H=1 -> 1/2; 0 of 1 capture; sales uses crm, legacy -> 1/2; order 1 of 1
    assert {c.name: c.value for c in sales.components} == {
        "fragmentation": 0, "handoffs": Fraction(1, 2), "reentry": 0, "desktop": Fraction(1, 2), "sync": 1}  # fmt: skip
    assert sales.score == 40.0
    # after-sales: q-order (100) 0 and q-ticket (30) f(2)=1/2 -> 15/130 = 3/26; H 1/2; service 1 system -> 0;
    # no capture and no entity captured or read: re-entry and sync not measured
    assert {c.name: c.value for c in after.components} == {
        "fragmentation": Fraction(3, 26),
        "handoffs": Fraction(1, 2),
        "desktop": 0,
    }
    # 100 x (3/26 + 13/26 + 0) / 3 = 1600/78 = 20.51...
    assert (after.exact, after.score, after.band) == (Fraction(1600, 78), 20.5, "integrated")
    # the whole model: 100 x (1/12 + 1/2 + 1/4 + 1/4 + 1) / 5 = 41.66... -> 41.7
    assert result.score == 41.7


def test_a_stage_without_journeys_has_no_score(write):
    path = write("silomap: 1\nname: t\nsystems: [{id: a}]\njourneys:\n"
                 "  - {id: j, stage: sales, steps: [{id: s, actor: customer, channel: web, systems: [a]}]}\n")  # fmt: skip
    stages = silomap.analyze(silomap.load(path)).stages
    assert [(s.stage, s.score, s.band) for s in stages] == [
        ("discovery", None, None), ("sales", 0.0, "connected"), ("after-sales", None, None)]  # fmt: skip
    assert silomap.analyze(silomap.load(path)).to_dict()["stages"]["discovery"] == {
        "score": None, "band": None, "components": {}}  # fmt: skip


def test_systems_per_journey_minutes_and_agent_hours(result):
    discover, buy, support = (result.experience_of(j) for j in ("discover", "buy", "support"))
    assert (discover.systems, buy.systems, support.systems) == (("web", "crm"), ("app", "crm", "legacy"),
                                                                ("web", "app", "crm"))  # fmt: skip
    # minutes only when every step has them: 5 + 10, 3 + 12; s3 has none
    assert (discover.minutes, buy.minutes, support.minutes) == (15, 15, None)
    # team steps: d2 10 min x 10 a month / 60 = 5/3 h; b2 12 x 20 / 60 = 4 h; s3 has no minutes
    assert (discover.agent_hours, buy.agent_hours, support.agent_hours) == (Fraction(5, 3), 4, None)
    assert support.agent_hours_complete is False
    assert [(t.id, t.hours) for t in result.team_hours] == [("sales", Fraction(17, 3))]


def test_journeys_that_depend_on_replaced_systems(result):
    assert [(e.id, [(r.step, r.system, r.lifecycle) for r in e.replaced]) for e in result.experience if e.replaced] == [
        ("buy", [("b2", "legacy", "phasing-out")])]  # fmt: skip


def test_channel_parity_gaps_and_divergences(result):
    assert result.digital_channels == ("web", "ios", "android")
    order, profile, ticket = (result.parity_of(q) for q in ("q-order", "q-profile", "q-ticket"))
    # q-order: web (s1, web), ios (b1, app), android (s2, app); app and web both expose order
    assert (order.channels, order.gap) == (("web", "ios", "android"), ())
    assert [(d.a.channel, d.a.systems, d.b.channel, d.b.systems) for d in order.diverging] == [
        ("web", ("web",), "ios", ("app",)), ("web", ("web",), "android", ("app",))]  # fmt: skip
    assert (profile.channels, profile.gap, profile.diverging) == (("web",), ("ios", "android"), ())
    assert (ticket.self_served, ticket.channels, ticket.gap) == (False, (), ())


def test_kpis_met_and_missed(result):
    rows = [(r.scope, r.id, r.kpi.id, r.goal.value, r.goal.target, r.met) for r in result.kpis]
    assert rows == [
        ("journey", "discover", "nps", 20, None, None),
        ("journey", "buy", "nps", -10, None, None),
        ("journey", "buy", "transfer_rate", 30, 35, True),  # lower is better
        ("question", "q-profile", "csat", 70, 75, False),
    ]
    assert result.kpi_correlation is None  # 2 journeys with an NPS: fewer than 5


def test_spearman_with_ties_by_average_ranks():
    # frictions 0,4,3,3,5,7 rank 1,4,2.5,2.5,5,6; NPS 15,-18,4,-41,-25,-30 rank 6,4,5,1,3,2;
    # sum dx.dy = -9.5, sum dx^2 = 17, sum dy^2 = 17.5: rho = -9.5 / sqrt(297.5) = -0.5508
    assert round(spearman([0, 4, 3, 3, 5, 7], [15, -18, 4, -41, -25, -30]), 3) == -0.551
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 1, 1], [1, 2, 3]) is None  # no spread: no correlation


def test_frictions_against_nps_in_the_bank():
    data = silomap.analyze(silomap.load(MODELS / "retail-bank")).to_dict()
    assert data["kpi_correlation"] == {"n": 6, "spearman": -0.551}  # as worked out above


def test_score_json_carries_the_new_keys(result):
    data = result.to_dict()
    buy = next(j for j in data["journeys"] if j["id"] == "buy")
    assert {k: buy[k] for k in ("systems", "system_ids", "minutes", "agent_hours", "replaced_systems")} == {
        "systems": 3, "system_ids": ["app", "crm", "legacy"], "minutes": 15.0, "agent_hours": 4.0,
        "replaced_systems": [{"step": "b2", "system": "legacy", "lifecycle": "phasing-out"}]}  # fmt: skip
    assert buy["kpis"] == {"nps": {"value": -10.0, "target": None, "met": None},
                           "transfer_rate": {"value": 30.0, "target": 35.0, "met": True}, "measured": "2026-09-30"}  # fmt: skip
    order = next(q for q in data["questions"] if q["id"] == "q-order")
    assert (order["channels"], order["channel_gap"]) == (["web", "ios", "android"], [])
    assert order["diverging"][0] == [
        {"channel": "web", "systems": ["web"], "journey": "support", "step": "s1"},
        {"channel": "ios", "systems": ["app"], "journey": "buy", "step": "b1"}]  # fmt: skip
    assert data["kpi_correlation"] is None
    assert data["stages"]["after-sales"] == {"score": 20.5, "band": "integrated", "components": {
        "fragmentation": 3 / 26, "handoffs": 0.5, "desktop": 0.0}}  # fmt: skip


def _strip_new_fields(data):
    """A model without any field experience.md adds."""
    data = copy.deepcopy(data)
    data.pop("kpis", None)
    for kind in ("teams", "entities", "systems", "integrations", "questions", "journeys"):
        for item in data.get(kind, []):
            for key in [k for k in item if k.startswith("x-") or k in ("tags", "kpis", "lifecycle")]:
                del item[key]
            for step in item.get("steps", []):
                for key in [k for k in step if k.startswith("x-") or k == "tags"]:
                    del step[key]
    return data


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university", "experience"])
def test_new_fields_never_change_an_old_figure(name, write):
    """KPIs, lifecycles, tags and x- fields are reported, never scored: taking them out changes no figure."""
    model = silomap.load(DATA / "experience.yaml" if name == "experience" else MODELS / name)
    data = json.loads(json.dumps(model.model_dump(by_alias=True, exclude_none=True), default=str))
    plain = silomap.Model.model_validate(_strip_new_fields(data))
    old_keys = ("score", "band", "components", "points", "teams", "entities", "isolated", "unbacked",
                "manual_integrations")  # fmt: skip
    full, bare = silomap.analyze(model).to_dict(), silomap.analyze(plain).to_dict()
    assert {k: full[k] for k in old_keys if k != "teams"} == {k: bare[k] for k in old_keys if k != "teams"}
    journey_keys = ("handoffs", "channel_switches", "captures", "reentries", "handoff_at", "reentry_at")
    assert [{k: j[k] for k in journey_keys} for j in full["journeys"]] == [
        {k: j[k] for k in journey_keys} for j in bare["journeys"]]  # fmt: skip
    assert [(q["spq"], q["cover"]) for q in full["questions"]] == [
        (q["spq"], q["cover"]) for q in bare["questions"]
    ]


def test_university_scores_as_before_issue_13():
    """The university model only gained KPIs, a phasing-out system and tags: its figures are those of
    tests/golden/university-score.json as it was before (commit 4458964)."""
    data = silomap.analyze(silomap.load(MODELS / "university")).to_dict()
    assert (data["score"], data["band"]) == (38.9, "integrated")
    assert data["components"] == {
        "fragmentation": 0.013432835820895522, "handoffs": 0.6201550387596899, "reentry": 0.43703703703703706,
        "desktop": 0.375, "sync": 0.5}  # fmt: skip


def test_tags_and_extension_fields_are_kept_on_the_graph():
    model = silomap.load(DATA / "experience.yaml")
    g = silomap.graph(model)
    assert g.nodes["system:api"]["x-owner-email"] == "api-team@example.com"
    assert g.nodes["team:sales"]["tags"] == ("front-office",)
    assert g.nodes["journey:support"]["tags"] == ("priority",)
    assert g.nodes["step:buy/b2"]["x-note"] == "rekeyed"
    assert g.nodes["system:legacy"]["lifecycle"] == "phasing-out"
    edge = next(d for _, _, d in g.edges(data=True) if d["kind"] == "integration" and d["tags"])
    assert edge["tags"] == ("nightly-check",)
    # and they survive a round trip through the files silomap writes
    from silomap._model import model_files

    files = model_files(model)
    assert "x-owner-email: api-team@example.com" in files["systems.yaml"]
    assert yaml.safe_load(files["journeys.yaml"])["journeys"][2]["tags"] == ["priority"]


def test_the_report_shows_tags_kpis_parity_and_replaced_systems():
    model = silomap.load(DATA / "experience.yaml")
    page = silomap.report(model, renderer="embedded")
    assert '<span class="tag">priority</span>' in page and '<span class="tag">front-office</span>' in page
    assert '<span class="met">met</span>' in page and '<span class="missed">missed</span>' in page
    assert "≠ web answers from web; ios from app" in page
    assert '<b>buy</b>: <span class="replaced-note">b2: legacy (phasing-out)</span>' in page
    text = silomap.report(model, fmt="md")
    assert "| journey buy | transfer_rate | 30% | 35% | met |" in text
    assert "- **q-profile**: self-served on web; missing on ios, android" in text
    assert "- **buy**: b2\\: legacy (phasing-out)" in text  # the colon escaped for GitHub
    assert (ROOT / "docs" / "experience.md").exists()
