"""The model format, version 1, as frozen pydantic models.

These classes are the single source of truth for what users write: the
loader validates each file against :class:`ModelPart`, the merged model is a
:class:`Model`, and ``silomap schema`` prints the JSON Schema generated from
them. Collections are tuples and every model is frozen, so nothing
downstream can change a model by accident.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from .._errors import UsageError
from .base import Name, Strict, Text
from .items import FORMAT_VERSION, Entity, Integration, Journey, Question, System, Team, Weight
from .kpis import Kpis
from .spellings import old_spellings

__all__ = ["Model", "ModelPart", "Scoring", "Weights", "json_schema"]


class Weights(Strict):
    """Weights of the silo score's components (default 1 each).

    Parameters
    ----------
    fragmentation, handoffs, reentry, desktop, sync
        The weight of each component (0 leaves it out).

    Examples
    --------
    >>> Weights().handoffs, Weights(desktop=0.5).desktop
    (1.0, 0.5)
    """

    fragmentation: Weight = 1.0
    handoffs: Weight = 1.0
    reentry: Weight = 1.0
    desktop: Weight = 1.0
    sync: Weight = 1.0


class Scoring(Strict):
    """Optional settings of the silo score.

    Parameters
    ----------
    weights
        The components' weights (:class:`Weights`).

    Examples
    --------
    >>> Scoring(weights={"handoffs": 2}).weights.handoffs
    2.0
    """

    weights: Weights = Weights()


class _Body(Strict):
    description: Text | None = None
    teams: tuple[Team, ...] = ()
    entities: tuple[Entity, ...] = ()
    systems: tuple[System, ...] = ()
    integrations: tuple[Integration, ...] = ()
    questions: tuple[Question, ...] = ()
    journeys: tuple[Journey, ...] = ()
    scoring: Scoring | None = None
    kpis: Kpis | None = Field(default=None, description="Outcomes measured for the whole organisation.")

    @field_validator("silomap", check_fields=False)
    @classmethod
    def _supported(cls, value: int | None) -> int | None:
        if value is not None and value != FORMAT_VERSION:
            raise PydanticCustomError(
                "unsupported_version",
                "unsupported format version {version}; this silomap reads version 1",
                {"version": value},
            )
        return value


class ModelPart(_Body):
    """One file of a model kept as a directory: every key optional.

    Parameters
    ----------
    silomap, name, description, teams, entities, systems, integrations, questions, journeys, scoring, kpis
        As in :class:`Model`, each optional: the files of a directory are merged into one model.

    Examples
    --------
    >>> [s.id for s in ModelPart(systems=[System(id="crm")]).systems]
    ['crm']
    """

    model_config = ConfigDict(title="silomap model file (part of a directory model)")

    silomap: Annotated[int, Field(strict=True)] | None = None
    name: Name | None = None


class Model(_Body):
    """A whole landscape: systems, integrations, teams, questions and journeys.

    Build one with :func:`silomap.load`; it is frozen.

    Parameters
    ----------
    silomap
        The format version: 1.
    name, description
        The landscape's name and what it covers.
    teams, entities, systems, integrations, questions, journeys
        Its items (:class:`Team`, :class:`Entity`, :class:`System`, ...).
    scoring
        Settings of the silo score (:class:`Scoring`).
    kpis
        Outcomes measured for the whole organisation (:class:`Kpis`).

    Examples
    --------
    >>> m = Model(silomap=1, name="Tiny")
    >>> m.name, m.systems
    ('Tiny', ())
    """

    model_config = ConfigDict(title="silomap model")

    silomap: Annotated[int, Field(strict=True, description="Format version: 1.")]
    name: Name


@old_spellings(positional=("part",))
def json_schema(*, part: bool = False) -> dict[str, Any]:
    """The JSON Schema of the model format, generated from the pydantic models.

    With ``part=True``, the schema of one file of a directory model, where
    every key is optional.

    Parameters
    ----------
    part
        The schema of one file of a directory model instead of the whole model.

    Returns
    -------
    dict
        The JSON Schema (draft 2020-12), as ``schema/silomap-1.json`` holds it.

    Raises
    ------
    silomap.UsageError
        ``part`` is not a bool.

    Examples
    --------
    >>> import silomap
    >>> silomap.schema()["title"]
    'silomap model'
    >>> "from" in silomap.schema()["$defs"]["Integration"]["properties"]
    True
    """
    if not isinstance(part, bool):
        raise UsageError(f"{{param}} must be True or False, not {part!r}", param="part")
    model = ModelPart if part else Model
    out: dict[str, Any] = _without_examples(model.model_json_schema(by_alias=True))
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


_SECTION = re.compile(r">>>|\n *(?:Parameters|Attributes|Examples)\n *-{3,}")


def _prose(text: Any) -> Any:
    return _SECTION.split(text, maxsplit=1)[0].strip() if isinstance(text, str) else _without_examples(text)


def _without_examples(node: Any) -> Any:
    """The schema with each description cut before its first numpydoc section or doctest example
    (editors show descriptions: the prose, not the reference)."""
    if isinstance(node, dict):
        return {k: _prose(v) if k == "description" else _without_examples(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_examples(v) for v in node]
    return node
