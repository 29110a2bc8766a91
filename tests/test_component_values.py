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
