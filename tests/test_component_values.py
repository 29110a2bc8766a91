"""``result.component(name)`` is the value ``result.components`` holds: the exact Fraction (issue #29)."""

from __future__ import annotations

from fractions import Fraction

import silomap

from .conftest import MODELS


def test_component_is_the_exact_fraction_the_components_hold():
    result = silomap.analyze(silomap.load(MODELS / "retail-bank"))
    for part in result.components:
        assert type(result.component(part.name)) is Fraction
        assert result.component(part.name) == part.value
    # the score is their weighted mean, exactly, as docs/metrics.md works it out
    total = sum(c.weight for c in result.components)
    exact = 100 * sum(c.weight * result.component(c.name) for c in result.components) / total
    assert round(float(exact), 1) == result.score


def test_a_stage_component_is_the_exact_fraction_too():
    stage = silomap.analyze(silomap.load(MODELS / "retail-bank")).stage("sales")
    assert [stage.component(c.name) for c in stage.components] == [c.value for c in stage.components]
    # sales hand-offs: 0.8 as the report shows it (docs/metrics.md); now exact
    assert stage.component("handoffs") == Fraction(4, 5)


def test_the_handoffs_component_is_worked_out_exactly_as_docs_python_md_shows():
    # each journey h/(1+h) for h hand-offs, weighed by its volume a month (docs/python.md)
    journeys = {"check-balance": (0, 2000), "report-lost-card": (2, 1500), "explore-mortgage": (1, 1200),
                "complain": (2, 700), "move-house": (3, 800), "apply-for-loan": (4, 400)}  # fmt: skip
    worked = sum(Fraction(h, 1 + h) * v for h, v in journeys.values()) / sum(v for _, v in journeys.values())
    assert worked == Fraction(8960, 3) / 6600 == Fraction(224, 495)
    assert silomap.analyze(silomap.load(MODELS / "retail-bank")).component("handoffs") == worked
