"""silomap: map a system landscape against customer journeys and measure the silos.

>>> import silomap
>>> model = silomap.load("models/retail-bank")
>>> result = silomap.analyze(model)
>>> result.band
'partly integrated'
>>> g = silomap.graph(model)
>>> g.nodes["system:crm-harbor"]["name"]
'Harbor Savings CRM (legacy)'

Only the names in ``__all__`` are public; the ``_modules`` may change.
"""

from __future__ import annotations

from typing import Any

from ._analysis import Analysis, analyze
from ._diagram import Diagram, diagram
from ._errors import GateFailed, ModelError, Problem, SilomapError, ToolError, UsageError
from ._figures import EntityFigure, JourneyFigure, QuestionFigure, TeamFigure, Unbacked
from ._graph import graph
from ._load import SilomapWarning, load
from ._schema import (
    Entity,
    Integration,
    Journey,
    Model,
    ModelPart,
    Question,
    Scoring,
    Step,
    System,
    Team,
    Weights,
)
from ._yaml import Limits

__all__ = [
    "Analysis",
    "Diagram",
    "Entity",
    "EntityFigure",
    "GateFailed",
    "Integration",
    "Journey",
    "JourneyFigure",
    "Limits",
    "Model",
    "ModelError",
    "Problem",
    "Question",
    "QuestionFigure",
    "Scoring",
    "SilomapError",
    "SilomapWarning",
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
    "diagram",
    "graph",
    "load",
    "schema",
]

__version__ = "0.1.0"


def schema(part: bool = False) -> dict[str, Any]:
    """The JSON Schema of the model format, generated from the pydantic models.

    With ``part=True``, the schema of one file of a directory model, where
    every key is optional.

    >>> schema()["title"]
    'silomap model'
    >>> "from" in schema()["$defs"]["Integration"]["properties"]
    True
    """
    model = ModelPart if part else Model
    out = model.model_json_schema(by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out
