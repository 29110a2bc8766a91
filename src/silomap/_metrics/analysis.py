"""``analyze(model)``: every figure of the metrics spec, the components and the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from .._display import Shown
from .._errors import UsageError
from .._model import Model, Weights, need_model, require_valid
from .._suggest import did_you_mean
from .completeness import Completeness, completeness
from .components import COMPONENTS, measure_components
from .experience import (
    JourneyExperience,
    KpiCorrelation,
    KpiRow,
    TeamHours,
    journey_experience,
    kpi_correlation,
    kpi_rows,
    team_hours,
)
from .figures import (
    EntityFigure,
    JourneyFigure,
    Measured,
    QuestionFigure,
    TeamFigure,
    Unbacked,
    entity_figures,
    isolated_systems,
    journey_figures,
    question_figures,
    team_figures,
    unbacked_answers,
)
from .flows import Flows
from .joined import Joined, JourneyRecord, QuestionRecord, TeamRecord, join
from .parity import QuestionParity, digital_channels, parity
from .score import Component, band_of, round_half_up, silo_score
from .serialize import analysis_json
from .stages import StageScore, stage_scores
from .tables import analysis_frames, tables

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True, repr=False)
class Analysis(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """Everything silomap measures in a model, with the evidence for each figure.

    ``score`` is the silo score rounded half up to one decimal (``None`` when
    no component could be measured) and ``band`` its name. ``components``
    keeps the exact values; ``stages`` scores each life-cycle stage in order;
    ``experience``, ``parity``, ``kpis`` and ``kpi_correlation`` are what customers
    feel (reported, never scored); ``to_dict()`` gives the JSON contract of
    ``silomap score --json``.

    Attributes
    ----------
    name
        The model's name.
    score, band
        The silo score (0 to 100, lower is better) and its band; ``None`` when nothing is measured.
    components
        Each component of the score, exact, with its weight (:meth:`component`).
    weights
        The weights the score used.
    questions, journeys, teams, entities
        One figure each (:class:`QuestionFigure`, :class:`JourneyFigure`, :class:`TeamFigure`,
        :class:`EntityFigure`): systems per question, frictions, desktops, unsynced copies.
    isolated
        The systems no integration reaches.
    unbacked
        Steps that answer a question their systems cannot back (:class:`Unbacked`).
    manual
        The manual integrations: (source, target, entities carried).
    stages
        The score of each life-cycle stage (:class:`StageScore`).
    experience, team_hours, parity, digital_channels, kpis, kpi_correlation
        What customers and agents feel, reported and never scored (:class:`JourneyExperience`,
        :class:`QuestionParity`, :class:`KpiRow`).
    completeness
        What the model leaves to defaults, and the components it cannot measure.
    model
        The model measured (its systems and integrations make two of the tables).

    Examples
    --------
    >>> import silomap
    >>> result = silomap.analyze(silomap.load("models/retail-bank"))
    >>> result.score, result.band, round(float(result.component("handoffs")), 3)
    (40.0, 'partly integrated', 0.453)
    """

    name: str
    score: float | None
    band: str | None
    components: tuple[Component, ...]
    weights: Weights
    questions: tuple[QuestionFigure, ...]
    journeys: tuple[JourneyFigure, ...]
    teams: tuple[TeamFigure, ...]
    entities: tuple[EntityFigure, ...]
    isolated: tuple[str, ...]
    unbacked: tuple[Unbacked, ...]
    manual: tuple[tuple[str, str, tuple[str, ...]], ...]
    stages: tuple[StageScore, ...]
    experience: tuple[JourneyExperience, ...]
    team_hours: tuple[TeamHours, ...]
    parity: tuple[QuestionParity, ...]
    digital_channels: tuple[str, ...]
    kpis: tuple[KpiRow, ...]
    kpi_correlation: KpiCorrelation | None
    completeness: Completeness
    model: Model = field(repr=False, compare=False)

    @property
    def unmeasured(self) -> str:
        """Why there is no score, in words (``""`` when there is one).

        >>> from silomap import Model
        >>> analyze(Model(silomap=1, name="empty")).unmeasured
        'the model has no questions, journeys, shared data or agent systems'
        """
        if self.score is not None:
            return ""
        if self.components:
            return "every measured component has weight 0 in scoring.weights"
        return "the model has no questions, journeys, shared data or agent systems"

    def component(self, name: str) -> Fraction | None:
        """The exact value of one component in [0, 1], as in :attr:`components`, or ``None`` if it
        was not measured.

        A ``Fraction``, so that sums and weighted means of components stay exact (the score is one);
        ``float(value)`` to format it (Python 3.11's ``Fraction`` takes no ``:.3f``). An unknown name
        is an error, not ``None``.

        >>> import silomap
        >>> handoffs = silomap.analyze(silomap.load("models/retail-bank")).component("handoffs")
        >>> handoffs, round(float(handoffs), 4)
        (Fraction(224, 495), 0.4525)
        >>> from silomap import Model
        >>> analyze(Model(silomap=1, name="empty")).component("sync") is None
        True
        """
        _known(name)
        return next((c.value for c in self.components if c.name == name), None)

    def points(self, name: str) -> float:
        """How many of the score's points this component contributes (0 when not measured)."""
        _known(name)
        total = sum(c.weight for c in self.components)
        part = next((c for c in self.components if c.name == name), None)
        if part is None or not total:
            return 0.0
        return float(100 * part.weight * part.value / total)

    def journey(self, journey_id: str) -> JourneyFigure:
        """The figures of one journey (``KeyError`` if there is no such journey)."""
        return self.joined.journeys[journey_id].figure

    def question(self, question_id: str) -> QuestionFigure:
        """The figures of one question (``KeyError`` if there is no such question)."""
        return self.joined.questions[question_id].figure

    def parity_of(self, question_id: str) -> QuestionParity:
        """The channel parity of one question (``KeyError`` if there is no such question)."""
        return self.joined.questions[question_id].parity

    def experience_of(self, journey_id: str) -> JourneyExperience:
        """Systems, minutes, agent hours and replaced systems of one journey (``KeyError`` if none)."""
        return self.joined.journeys[journey_id].experience

    @cached_property
    def joined(self) -> Joined:
        """Every journey, question and team as one record, joined by id once and kept.

        >>> import silomap
        >>> a = silomap.analyze(silomap.load("models/retail-bank"))
        >>> a.joined is a.joined, list(a.joined.teams)
        (True, ['contact-center', 'branch-advisors', 'fraud-ops'])
        """
        return join(self)

    def journey_record(self, journey_id: str) -> JourneyRecord:
        """One journey's figures, experience and KPIs, the same record on every call (``KeyError``
        if there is no such journey): ``a.journey_record("check-balance").figure is a.journey(...)``."""
        return self.joined.journeys[journey_id]

    def question_record(self, question_id: str) -> QuestionRecord:
        """One question's figures, channel parity and KPIs, the same record on every call."""
        return self.joined.questions[question_id]

    def team_record(self, team_id: str) -> TeamRecord:
        """One team's desktop and agent hours a month, the same record on every call."""
        return self.joined.teams[team_id]

    def stage(self, stage: str) -> StageScore:
        """The score of one life-cycle stage: ``discovery``, ``sales`` or ``after-sales``."""
        return next(s for s in self.stages if s.stage == stage)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap score --json`` (keys may be added, never renamed)."""
        return analysis_json(self)

    def frames(self, backend: str = "pandas") -> dict[str, Any]:
        """The figures as DataFrames, one per table: ``questions``, ``journeys``, ``teams``,
        ``entities``, ``reentries`` and ``handoffs``.

        Parameters
        ----------
        backend
            The DataFrame library: ``"pandas"`` (``pip install 'silomap[pandas]'``), ``"polars"`` or
            ``"pyarrow"``. Every backend has the same columns, typed as docs/python.md lists them.

        Returns
        -------
        dict of str to DataFrame
            A cell holds one value: lists are joined by ``", "``; KPIs get a column each
            (questions, journeys); not measured is null. The ranked fixes have theirs:
            ``silomap.fixes(model).frames()``.

        Raises
        ------
        silomap.UsageError
            ``backend`` is none of the three (``backend=``).
        silomap.ToolError
            The library is not installed: the message names the ``pip install`` (SM044).

        Examples
        --------
        >>> import silomap
        >>> f = silomap.analyze(silomap.load("models/retail-bank")).frames()
        >>> f["journeys"].set_index("id").loc["report-lost-card", ["handoffs", "silo_reentries"]].tolist()
        [2, 2]
        >>> silomap.analyze(silomap.load("models/retail-bank")).frames("pyarrow")["teams"].num_rows
        6
        """
        return analysis_frames(tables(self), backend)


def _known(name: str) -> None:
    ids = [row.id for row in COMPONENTS]
    if name not in ids:
        raise UsageError(
            f"{{param}} is {name!r}, not a component: one of {', '.join(ids)}{did_you_mean(name, ids)}",
            param="name",
        )


def analyze(model: Model) -> Analysis:
    """Measure a model: every figure, the components, the silo score and its band.

    Parameters
    ----------
    model
        A valid model (:func:`silomap.load`).

    Returns
    -------
    Analysis
        Every figure with its evidence, the components, the score and its band.

    Raises
    ------
    silomap.UsageError
        ``model`` is not a :class:`silomap.Model` (a path, say), naming ``model=``.
    silomap.ModelError
        The model is invalid: every problem, as :func:`silomap.validate` finds them.

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> result = silomap.analyze(model)
    >>> result.score, result.band
    (40.0, 'partly integrated')
    """
    need_model(model)
    return _measure(require_valid(model))


def _measure(model: Model) -> Analysis:
    """Every figure of a valid model."""
    flows = Flows(model)
    questions = question_figures(model, flows)
    journeys = journey_figures(model, flows)
    teams = team_figures(model)
    entities = entity_figures(model, flows)
    weights = model.scoring.weights if model.scoring else Weights()
    measured = Measured(tuple(questions), tuple(journeys), tuple(teams), tuple(entities))
    parts = measure_components(measured, weights)
    exact = silo_score(parts)
    score = None if exact is None else round_half_up(exact)
    lifecycle = {system.id: system.lifecycle for system in model.systems}
    felt = tuple(journey_experience(journey, lifecycle) for journey in model.journeys)
    kpis = kpi_rows(model)
    return Analysis(
        name=model.name,
        score=score,
        band=None if score is None else band_of(score),
        components=tuple(parts),
        weights=weights,
        questions=tuple(questions),
        journeys=tuple(journeys),
        teams=tuple(teams),
        entities=tuple(entities),
        isolated=tuple(isolated_systems(model)),
        unbacked=tuple(unbacked_answers(model, flows)),
        manual=tuple(
            (link.source, link.target, link.carries) for link in model.integrations if link.mode == "manual"
        ),
        stages=stage_scores(model, measured, weights),
        experience=felt,
        team_hours=team_hours(model, felt),
        parity=parity(model, flows),
        digital_channels=digital_channels(model),
        kpis=kpis,
        kpi_correlation=kpi_correlation(journeys, kpis),
        completeness=completeness(model, parts),
        model=model,
    )
