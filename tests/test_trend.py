"""The history chart: points stand at their commit dates on a time axis."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def score_xs(svg: bytes) -> list[float]:
    """The x of each point of the score's line, from the SVG's path (``M x y L x y ...``)."""
    group = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("id") == "score")
    path = group.find(f"{SVG}path")
    assert path is not None
    return [float(x) for x in re.findall(r"[ML] ([\d.]+) [\d.]+", path.get("d", ""))]


def test_january_february_and_december_stand_at_their_dates():
    """1 January to 1 February is 31 days, 1 February to 1 December is 303: the gaps on the axis
    are in the ratio 31:303, not equal as they were when points were spaced by their index."""
    pytest.importorskip("matplotlib")
    from silomap._charts import trend_chart

    points = [
        ("a1", "2026-01-01T00:00:00+00:00", 50.0, {"sync": 0.2}),
        ("b2", "2026-02-01T00:00:00+00:00", 40.0, {"sync": 0.3}),
        ("c3", "2026-12-01T00:00:00+00:00", 30.0, {"sync": 0.4}),
    ]
    jan, feb, dec = score_xs(trend_chart(points))
    assert jan < feb < dec
    assert (feb - jan) / (dec - feb) == pytest.approx(31 / 303, rel=1e-4)


def test_dates_in_other_zones_are_placed_in_utc():
    """23:00 at -01:00 is midnight UTC the next day: 2 January 00:00 UTC, one day after the first
    point and nine days before the third (11 January)."""
    pytest.importorskip("matplotlib")
    from silomap._charts import trend_chart

    points = [
        ("a1", "2026-01-01T00:00:00+00:00", 50.0, {}),
        ("b2", "2026-01-01T23:00:00-01:00", 40.0, {}),
        ("c3", "2026-01-11T02:00:00+02:00", 30.0, {}),
    ]
    first, second, third = score_xs(trend_chart(points))
    assert (second - first) / (third - second) == pytest.approx(1 / 9, rel=1e-4)
