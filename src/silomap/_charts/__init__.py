"""Charts: static, deterministic SVG drawn with matplotlib (an optional dependency).

- ``style``: how every chart looks, in one place;
- ``roadmap``: the score now and after each step of a roadmap.

May import: the foundations only (charts take plain figures). Never the
model, metrics, diagrams, reports, importers or the CLI.
"""

from .roadmap import ChartUnavailable, roadmap_chart

__all__ = ["ChartUnavailable", "roadmap_chart"]
