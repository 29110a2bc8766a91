"""The metrics layer: every figure of ``docs/metrics.md``, the score, and the one ranking of "worst".

- ``flows``: where each entity can flow along automated integrations;
- ``cover``: the minimum set cover (systems per question);
- ``figures``: one function per figure, each with its evidence;
- ``score``: exact arithmetic, volume weights, rounding, bands;
- ``components``: the one table of score components;
- ``analysis``: :func:`analyze`, everything above in one frozen result;
- ``ranking``: worst journeys and questions by impact per month;
- ``comparison``: two analyses side by side, with the evidence that changed.

May import: the model layer (``silomap._model``) and the foundations.
Never diagrams, reports, importers or the CLI.
"""

from .analysis import Analysis, analyze
from .comparison import Comparison, Evidence, compare
from .components import COMPONENTS, ComponentSpec, spec
from .diff import ModelDiff, diff
from .figures import (
    EntityFigure,
    Handoff,
    JourneyFigure,
    QuestionFigure,
    Reentry,
    Switch,
    TeamFigure,
    Unbacked,
)
from .history import HistoryPoint, history
from .ranking import Ranking, rank
from .score import BANDS, Component, band_meaning

__all__ = [
    "BANDS",
    "COMPONENTS",
    "Analysis",
    "Comparison",
    "Component",
    "ComponentSpec",
    "EntityFigure",
    "Evidence",
    "Handoff",
    "HistoryPoint",
    "JourneyFigure",
    "ModelDiff",
    "QuestionFigure",
    "Ranking",
    "Reentry",
    "Switch",
    "TeamFigure",
    "Unbacked",
    "analyze",
    "band_meaning",
    "compare",
    "diff",
    "history",
    "rank",
    "spec",
]
