"""Per-stage scores: the silo score of the part of the model each life-cycle stage touches.

``maturity.md``: for stage ``s``, the questions answered by a step of a
journey of stage ``s``, the journeys of stage ``s``, each team's desktop over
its steps in stage ``s``, and the entities captured or read in stage ``s``
that two or more systems hold. Volumes weigh as in the whole score, over
the items kept; the model's component weights apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .._model import (
    STAGES,  # the customer life cycle, in order
    Model,
    Weights,
)
from .components import measure_components
from .figures import EntityFigure, JourneyFigure, Measured, QuestionFigure, team_figures
from .score import Component, band_of, round_half_up, silo_score

__all__ = ["STAGES", "StageScore", "stage_scores"]

STAGE_NAMES = {"discovery": "Discovery", "sales": "Sales", "after-sales": "After-sales"}


@dataclass(frozen=True)
class StageScore:
    """The silo score of one stage, its band and components (``score`` is ``None`` when nothing is
    measured), with the figures it was computed from.

    Attributes
    ----------
    stage
        The life-cycle stage (``title`` names it).
    score, band
        Its silo score and band, ``None`` when nothing is measured.
    exact
        The score unrounded.
    components
        Its components (:meth:`component`).
    measured
        The figures it was computed from: its questions, journeys, teams and entities.

    Examples
    --------
    >>> import silomap
    >>> sales = silomap.analyze(silomap.load("models/retail-bank")).stage("sales")
    >>> sales.title, sales.score, sales.band, sales.component("handoffs")
    ('Sales', 50.4, 'partly integrated', Fraction(4, 5))
    """

    stage: str
    score: float | None
    band: str | None
    exact: Fraction | None
    components: tuple[Component, ...]
    measured: Measured

    @property
    def title(self) -> str:
        """The stage as people write it: ``After-sales``."""
        return STAGE_NAMES[self.stage]

    def component(self, name: str) -> Fraction | None:
        """One component's exact value in [0, 1], as in :attr:`components` (``Analysis.component``),
        or ``None`` when the stage does not measure it."""
        return next((c.value for c in self.components if c.name == name), None)


def stage_part(model: Model, stage: str, whole: Measured) -> Measured:
    """The figures of the part of the model that ``stage`` touches."""
    journeys = {j.id for j in model.journeys if j.stage == stage}
    steps = [step for j in model.journeys if j.id in journeys for step in j.steps]
    answered = {q for step in steps for q in step.answers}
    touched = {e for step in steps for e in (*step.captures, *step.reads)}
    keep_q: tuple[QuestionFigure, ...] = tuple(q for q in whole.questions if q.id in answered)
    keep_j: tuple[JourneyFigure, ...] = tuple(j for j in whole.journeys if j.id in journeys)
    keep_e: tuple[EntityFigure, ...] = tuple(e for e in whole.entities if e.id in touched)
    return Measured(keep_q, keep_j, tuple(team_figures(model, stage)), keep_e)


def stage_scores(model: Model, whole: Measured, weights: Weights) -> tuple[StageScore, ...]:
    """The three stages in life-cycle order, each scored on its part of the model.

    >>> import silomap
    >>> result = silomap.analyze(silomap.load("models/university"))
    >>> [(s.stage, s.score) for s in result.stages]
    [('discovery', 45.8), ('sales', 40.4), ('after-sales', 41.7)]
    """
    out = []
    for stage in STAGES:
        part = stage_part(model, stage, whole)
        parts = measure_components(part, weights)
        exact = silo_score(parts)
        score = None if exact is None else round_half_up(exact)
        band = None if score is None else band_of(score)
        out.append(StageScore(stage, score, band, exact, tuple(parts), part))
    return tuple(out)
