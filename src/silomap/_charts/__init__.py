"""Charts: static, deterministic SVG drawn with matplotlib (an optional dependency).

- ``style``: how every chart looks, in one place;
- ``roadmap``: the score now and after each step of a roadmap;
- ``trend``: the score over a model's git history;
- ``maturity``: self-assessed against evidence levels, per criterion;
- ``kpis``: frictions against NPS, journey by journey;
- ``money``: where the money goes, journey by journey and question by question.

May import: the foundations only (charts take plain figures). Never the
model, metrics, diagrams, reports, importers or the CLI.
"""

from .kpis import nps_chart
from .maturity import maturity_chart
from .money import money_chart
from .roadmap import ChartUnavailable, roadmap_chart
from .trend import trend_chart

__all__ = ["ChartUnavailable", "maturity_chart", "money_chart", "nps_chart", "roadmap_chart", "trend_chart"]
