"""Every figure on the worked example, computed by hand in docs/metrics.md."""

from __future__ import annotations

from fractions import Fraction

import pytest

import silomap
from silomap._metrics.score import round_half_up

from .conftest import DATA, load_worked


@pytest.fixture(scope="module")
def result() -> silomap.Analysis:
    return silomap.analyze(load_worked(DATA / "worked.yaml"))


def by_id(rows, ident):
    return next(r for r in rows if r.id == ident)


def test_systems_per_question(result):
    q1, q2 = by_id(result.questions, "q1"), by_id(result.questions, "q2")
    # address: app, crm (holders) + erp (crm -> erp carries it); profile: crm only.
    assert (q1.spq, q1.cover, q1.exact) == (1, ("crm",), True)
    assert dict(q1.exposers) == {"address": ("app", "crm", "erp"), "profile": ("crm",)}
    # order: erp, sheet (the manual link carries nothing); profile: crm.
    assert (q2.spq, q2.cover) == (2, ("crm", "erp"))
    assert q2.consulted == ("crm",)
    assert q1.consulted == ()


def test_handoffs_skip_customer_steps_without_systems(result):
    order = by_id(result.journeys, "order")
    # providers: self-service, (s2 skipped), agents, back-office, agents
    assert order.handoffs == 3
    assert [(h.from_provider, h.to_provider) for h in order.handoff_at] == [
        ("self-service", "agents"),
        ("agents", "back-office"),
        ("back-office", "agents"),
    ]
    assert by_id(result.journeys, "browse").handoffs == 0


def test_channel_switches_leave_out_internal(result):
    order = by_id(result.journeys, "order")
    # web, phone, phone, (internal), email
    assert order.channel_switches == 2
    assert [(s.from_channel, s.to_channel) for s in order.switches] == [("web", "phone"), ("phone", "email")]
    assert by_id(result.journeys, "browse").channel_switches == 1


def test_reentries_silo_and_process(result):
    order = by_id(result.journeys, "order")
    assert order.captures == 6
    assert [(r.step, r.entity, r.kind) for r in order.reentries] == [
        ("s3", "address", "process"),  # app -> crm carries address
        ("s4", "address", "process"),  # crm -> erp carries address
        ("s5", "order", "silo"),  # erp -> sheet is manual; crm never gets order
    ]
    browse = by_id(result.journeys, "browse")
    assert browse.captures == 2
    assert [(r.step, r.kind) for r in browse.reentries] == [("t3", "silo")]  # no systems at all


def test_desktops(result):
    assert [(t.id, t.desktop, t.systems) for t in result.teams] == [
        ("agents", 1, ("crm",)),
        ("back-office", 2, ("erp", "sheet")),
    ]


def test_unsynced_copies(result):
    rows = {e.id: (e.unsynced, e.possible, e.groups) for e in result.entities}
    assert rows == {
        "address": (0, 2, (("app", "crm", "erp"),)),
        "order": (1, 1, (("erp",), ("sheet",))),
    }


def test_isolated_and_unbacked(result):
    assert result.isolated == ("sheet",)
    assert [(u.question, u.step, u.missing) for u in result.unbacked] == [("q2", "s3", ("order",))]


def test_components_exact(result):
    values = {c.name: c.value for c in result.components}
    assert values == {
        "fragmentation": Fraction(1, 4),  # (f(1) + f(2)) / 2, q2 has no volume
        "handoffs": Fraction(3, 8),  # (f(4) + f(1)) / 2, browse has no volume
        "reentry": Fraction(1, 2),  # (3 + 1) / (6 + 2)
        "desktop": Fraction(1, 4),  # (f(1) + f(2)) / 2
        "sync": Fraction(1, 3),  # (0 + 1) / (2 + 1)
    }


def test_score_and_band(result):
    # 100 * (1/4 + 3/8 + 1/2 + 1/4 + 1/3) / 5 = 34.1666...
    assert result.score == 34.2
    assert result.band == "integrated"
    assert sum(result.points(c.name) for c in result.components) == pytest.approx(34.1666666)


def test_volumes_weigh_when_every_journey_has_one(write):
    text = (
        (DATA / "worked.yaml")
        .read_text()
        .replace("    stage: discovery\n", "    stage: discovery\n    volume: 30\n")
    )
    result = silomap.analyze(load_worked(write(text)))
    # hand-offs: (10 * f(4) + 30 * f(1)) / 40; re-entry: (10*3 + 30*1) / (10*6 + 30*2)
    assert result.component("handoffs") == 0.1875
    assert result.component("reentry") == 0.5


def test_component_weights_from_the_model(write):
    text = (DATA / "worked.yaml").read_text() + "scoring:\n  weights: {desktop: 0, sync: 2}\n"
    result = silomap.analyze(load_worked(write(text)))
    # 100 * (1/4 + 3/8 + 1/2 + 0 * 1/4 + 2 * 1/3) / (1 + 1 + 1 + 0 + 2) = 35.833...
    assert result.score == 35.8
    assert result.band == "integrated"


def test_unmeasured_components_are_left_out(write):
    path = write("silomap: 1\nname: Only systems\nsystems:\n  - id: a\n")
    result = silomap.analyze(silomap.load(path))
    assert result.components == ()
    assert (result.score, result.band) == (None, None)


def test_round_half_up_not_to_even():
    assert round_half_up(Fraction(5725, 100)) == 57.3  # round(57.25, 1) gives 57.2
    assert round_half_up(Fraction(1, 20)) == 0.1
    assert round_half_up(Fraction(399999, 10000)) == 40.0


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.0, "connected"),
        (19.9, "connected"),
        (20.0, "integrated"),
        (39.9, "integrated"),
        (40.0, "partly integrated"),
        (60.0, "fragmented"),
        (79.9, "fragmented"),
        (80.0, "siloed"),
        (100.0, "siloed"),
    ],
)
def test_bands(score, band):
    from silomap._metrics.score import band_of

    assert band_of(score) == band


def test_exact_cover_beats_greedy():
    from silomap._metrics.cover import min_cover

    # greedy takes the 4-element set first and then needs two more; the minimum is 2
    candidates = [("big", 0b011110), ("left", 0b000111), ("right", 0b111000)]
    assert min_cover(6, candidates) == (("left", "right"), True)


def test_greedy_above_twelve_needs_is_marked_inexact():
    from silomap._metrics.cover import min_cover

    n = 13
    candidates = [(f"s{i:02d}", 1 << i) for i in range(n)]
    names, exact = min_cover(n, candidates)
    assert (len(names), exact) == (13, False)


def test_ranking_of_the_worked_example_by_hand(write):
    """docs/metrics.md, "Worst first": unweighted, then weighted once browse has a volume."""
    text = (DATA / "worked.yaml").read_text()
    ranked = silomap.rank(silomap.analyze(load_worked(write(text))))
    assert [(j.id, impact) for j, impact in ranked.journeys] == [("order", 6.0), ("browse", 1.0)]
    assert [(q.id, impact) for q, impact in ranked.questions] == [("q2", 1.0), ("q1", 0.0)]
    assert not ranked.journeys_weighted and not ranked.questions_weighted
    weighted = text.replace("    stage: discovery\n", "    stage: discovery\n    volume: 30\n")
    ranked = silomap.rank(silomap.analyze(load_worked(write(weighted))))
    assert [(j.id, impact) for j, impact in ranked.journeys] == [("order", 60.0), ("browse", 30.0)]
    assert ranked.journeys_weighted


def test_process_reentry_names_the_step_whose_systems_had_the_data():
    """University, enrol-and-pay: the sponsor typed at parent-pays goes into payment-gateway, which
    sends only the payment on; parent-calls types it into finance-erp, and finance-matches types it
    into finance-erp again. So it was there since parent-calls, not since parent-pays."""
    from .conftest import MODELS

    journey = silomap.analyze(silomap.load(MODELS / "university")).journey("enrol-and-pay")
    sponsor = [r for r in journey.reentries if r.entity == "sponsor"]
    assert [(r.step, r.kind, r.first, r.source) for r in sponsor] == [
        ("parent-calls", "silo", "parent-pays", "parent-pays"),
        ("finance-matches", "process", "parent-pays", "parent-calls"),
    ]


def test_worked_reentry_sources(result):
    order = by_id(result.journeys, "order")
    assert [(r.step, r.entity, r.kind, r.first, r.source) for r in order.reentries] == [
        ("s3", "address", "process", "s1", "s1"),
        ("s4", "address", "process", "s1", "s1"),
        ("s5", "order", "silo", "s4", "s4"),
    ]
