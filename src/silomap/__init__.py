"""silomap: map a system landscape against customer journeys and measure the silos.

>>> import silomap
>>> model = silomap.load("models/retail-bank")
>>> result = silomap.analyze(model)
>>> result.band
'partly integrated'
>>> g = silomap.graph(model)
>>> g.nodes["system:crm-harbor"]["name"]
'Harbor Savings CRM (legacy)'

Only the names in ``__all__`` are public; the ``_modules`` may change. Each public class, function
and exception says so: its module is ``silomap`` (``silomap.Analysis`` in reprs, tracebacks, pickles
and the API reference), not the private module that defines it.
"""

from __future__ import annotations

from ._changes import Change, ChangeSet, Fix, Fixes, apply, load_changes
from ._config import Limits
from ._cost import Cost, Rates, cost, diff, fixes, load_rates, whatif
from ._diagrams import Diagram, diagram
from ._draft import Draft, draft
from ._errors import GateFailed, ModelError, Problem, SilomapError, ToolError, UsageError
from ._exporters import export
from ._importers import ImportResult, import_model
from ._maturity import Assessment, Maturity, assess, load_assessment
from ._metrics import (
    Analysis,
    Comparison,
    EntityFigure,
    HistoryPoint,
    JourneyExperience,
    JourneyFigure,
    KpiRow,
    ModelDiff,
    QuestionFigure,
    QuestionParity,
    Ranking,
    StageScore,
    TeamFigure,
    Unbacked,
    analyze,
    history,
    rank,
)
from ._model import (
    Entity,
    Goal,
    Integration,
    Journey,
    Kpis,
    Model,
    ModelPart,
    Question,
    Scoring,
    SilomapWarning,
    Step,
    System,
    Team,
    Weights,
    graph,
    load,
    validate,
)
from ._model import json_schema as schema
from ._observed import Observed, observe
from ._reports import Baseline, report
from ._version import __version__
from ._watch import watch

__all__ = [
    "Analysis",
    "Assessment",
    "Baseline",
    "Change",
    "ChangeSet",
    "Comparison",
    "Cost",
    "Diagram",
    "Draft",
    "Entity",
    "EntityFigure",
    "Fix",
    "Fixes",
    "GateFailed",
    "Goal",
    "HistoryPoint",
    "ImportResult",
    "Integration",
    "Journey",
    "JourneyExperience",
    "JourneyFigure",
    "KpiRow",
    "Kpis",
    "Limits",
    "Maturity",
    "Model",
    "ModelDiff",
    "ModelError",
    "ModelPart",
    "Observed",
    "Problem",
    "Question",
    "QuestionFigure",
    "QuestionParity",
    "Ranking",
    "Rates",
    "Scoring",
    "SilomapError",
    "SilomapWarning",
    "StageScore",
    "Step",
    "System",
    "Team",
    "TeamFigure",
    "ToolError",
    "Unbacked",
    "UsageError",
    "Weights",
    "__version__",
    "analyze",
    "apply",
    "assess",
    "cost",
    "diagram",
    "diff",
    "draft",
    "export",
    "fixes",
    "graph",
    "history",
    "import_model",
    "load",
    "load_assessment",
    "load_changes",
    "load_rates",
    "observe",
    "rank",
    "report",
    "schema",
    "validate",
    "watch",
    "whatif",
]


def _public(name: str, obj: object) -> None:
    """Make ``obj`` report itself as ``silomap.<name>``; a class's own methods follow it, so that
    their docstring examples run with it (``doctest`` finds members by their module)."""
    home = getattr(obj, "__module__", None)
    if not isinstance(home, str) or not home.startswith(__name__ + "._"):
        return  # __version__, a string
    obj.__module__ = __name__
    obj.__qualname__ = obj.__name__ = name  # type: ignore[attr-defined]  # an alias: schema
    if isinstance(obj, type):
        for member in vars(obj).values():
            function = getattr(member, "__func__", member)  # classmethod, staticmethod
            if callable(function) and getattr(function, "__module__", None) == home:
                function.__module__ = __name__


for _name in __all__:
    _public(_name, globals()[_name])
del _name
