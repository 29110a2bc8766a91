"""Charts: static, deterministic SVG drawn with matplotlib (an optional dependency).

- ``style``: how every chart looks, in one place;
- ``roadmap``: the score now and after each step of a roadmap;
- ``trend``: the score over a model's git history.

May import: the foundations only (charts take plain figures). Never the
model, metrics, diagrams, reports, importers or the CLI.
"""

from .roadmap import ChartUnavailable, roadmap_chart
from .trend import trend_chart

__all__ = ["ChartUnavailable", "roadmap_chart", "trend_chart"]
