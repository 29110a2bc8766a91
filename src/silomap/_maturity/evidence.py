"""Evidence levels from the model, self-assessed levels, and the gaps between them (``maturity.md``).

A value ``v`` in [0, 1] (0 best) reads as a level the way the silo score's
bands do: 5 below 0.2, 4 below 0.4, 3 below 0.6, 2 below 0.8, else 1.
Levels and values stay exact (fractions) until they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._display import Shown
from .._metrics import Analysis, StageScore, analyze, round_half_up, volume_weights
from .._model import Model, need, need_model, old_spellings
from .._text import plural
from .assessment import Assessment
from .framework import Prompt, framework

__all__ = ["CriterionResult", "Gap", "Maturity", "QuestionResult", "assess", "evidence_level"]

GAP = 2  # a self-assessed level this far above the evidence is a gap


def evidence_level(value: Fraction | float) -> int:
    """The level a value in [0, 1] (0 best) suggests.

    >>> [evidence_level(v) for v in (0, 0.19, 0.2, 0.45, 0.79, 0.8, 1)]
    [5, 5, 4, 3, 2, 1, 1]
    """
    for level, bound in ((5, Fraction(1, 5)), (4, Fraction(2, 5)), (3, Fraction(3, 5)), (2, Fraction(4, 5))):
        if Fraction(value) < bound:
            return level
    return 1


@dataclass(frozen=True)
class QuestionResult:
    """One question: the level given (``None`` if unanswered), the evidence level and value, and the
    evidence in words (``None`` when the model cannot say)."""

    id: str
    criterion: str
    text: str
    self_level: int | None
    note: str | None
    evidence: int | None
    value: Fraction | None
    because: str | None


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: the mean of its answers (one decimal), its stage's evidence level and score."""

    id: str
    name: str
    stage: str
    self_level: float | None
    evidence: int | None
    stage_score: float | None


@dataclass(frozen=True)
class Gap:
    """A self-assessed level that exceeds the evidence by 2 or more, said in words."""

    id: str
    self_level: float
    evidence: int
    text: str


def _weighted(values: list[int], volumes: list[float | None]) -> tuple[float, str]:
    weights, used = volume_weights(volumes)
    mean = sum((w * v for v, w in zip(values, weights, strict=True)), Fraction(0)) / sum(weights)
    return round_half_up(mean), " weighted by volume" if used else ""


def _mean_hops(stage: StageScore) -> str:
    figures = stage.measured.journeys
    mean, how = _weighted([j.handoffs for j in figures], [j.volume for j in figures])
    hops = "hand-off" if mean == 1 else "hand-offs"
    return f"{mean:g} {hops} per {stage.stage} journey ({plural(len(figures), 'journey')}{how})"


def _desktop(stage: StageScore) -> str:
    desks = ", ".join(f"{t.id} {t.desktop}" for t in stage.measured.teams if t.desktop)
    return f"systems on each {stage.stage} desktop: {desks}"


def _sync(stage: StageScore) -> str:
    unsynced = sum(e.unsynced for e in stage.measured.entities)
    possible = sum(e.possible for e in stage.measured.entities)
    verb = "is" if unsynced == 1 else "are"
    return f"{unsynced} of {possible} copies of the customer data it touches {verb} not kept in sync"


def _spq(stage: StageScore) -> str:
    qs = stage.measured.questions
    mean, how = _weighted([q.spq for q in qs], [q.volume for q in qs])
    systems = "system" if mean == 1 else "systems"
    return f"{mean:g} {systems} to open per {stage.stage} question ({plural(len(qs), 'question')}{how})"


Rule = tuple[str, Callable[[StageScore], tuple[Fraction, str] | None]]


def _component(stage: str, name: str, words: Callable[[StageScore], str]) -> Rule:
    def measure(s: StageScore) -> tuple[Fraction, str] | None:
        part = next((c for c in s.components if c.name == name), None)
        return None if part is None else (part.value, words(s))

    return stage, measure


RULES: dict[str, Rule] = {
    "data-held": _component("discovery", "sync", _sync),
    "ease-of-buying": _component("sales", "handoffs", _mean_hops),
    "sales-tools": _component("sales", "desktop", _desktop),
    "reach-service": _component("after-sales", "handoffs", _mean_hops),
    "response": _component("after-sales", "fragmentation", _spq),
}


def _self_help(model: Model, stage: StageScore) -> tuple[Fraction, str] | None:
    """1 - the share of after-sales questions answered in a customer's step of an after-sales journey."""
    questions = [q.id for q in stage.measured.questions]
    if not questions:
        return None
    served = {
        q
        for j in model.journeys
        if j.stage == stage.stage
        for step in j.steps
        if step.actor == "customer"
        for q in step.answers
    }
    alone = sum(1 for q in questions if q in served)
    text = f"customers can answer {alone} of {len(questions)} after-sales questions themselves"
    return 1 - Fraction(alone, len(questions)), text


@dataclass(frozen=True, repr=False)
class Maturity(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """The maturity assessment: questions and criteria, self against evidence, and the gaps.

    ``to_dict()`` is the JSON of ``silomap assess --json``.

    Attributes
    ----------
    criteria
        Each criterion: its evidence level, and with an assessment its self level.
    questions
        Each question of the framework, with its evidence and its answer.
    gaps
        Where the self level is above the evidence.
    overall
        The overall self level, ``None`` without an assessment.
    assessment
        The assessment it compared, if any.
    name
        The model's name, as the text names it.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.assess(silomap.load("models/telecom"))
    >>> m.overall is None, len(m.unanswered), sorted(m.to_dict())[:3]
    (True, 20, ['assessed', 'by', 'criteria'])
    """

    criteria: tuple[CriterionResult, ...]
    questions: tuple[QuestionResult, ...]
    gaps: tuple[Gap, ...]
    overall: float | None
    assessment: Assessment | None
    name: str = field(default="", compare=False)  # the model's, for the text (maturity_text)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """The ids of the questions nobody answered (all of them without an assessment)."""
        return tuple(q.id for q in self.questions if q.self_level is None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap assess --json``; absent values are ``null``."""
        a = self.assessment
        return {
            "assessed": None if a is None else a.assessed.isoformat(),
            "by": None if a is None else a.by,
            "overall": self.overall,
            "criteria": {
                c.id: {"self": c.self_level, "evidence": c.evidence, "stage_score": c.stage_score}
                for c in self.criteria
            },
            "questions": {
                q.id: {
                    "self": q.self_level,
                    "evidence": q.evidence,
                    "value": None if q.value is None else float(q.value),
                    "because": q.because,
                }
                for q in self.questions
            },
            "gaps": [
                {"id": g.id, "self": g.self_level, "evidence": g.evidence, "text": g.text} for g in self.gaps
            ],
            "unanswered": list(self.unanswered),
        }


def _question(model: Model, analysis: Analysis, prompt: Prompt, given: Assessment | None) -> QuestionResult:
    found: tuple[Fraction, str] | None = None
    if prompt.id == "self-help":
        found = _self_help(model, analysis.stage("after-sales"))
    elif prompt.id in RULES:
        stage, measure = RULES[prompt.id]
        found = measure(analysis.stage(stage))
    answer = None if given is None else given.answers.get(prompt.id)
    return QuestionResult(
        id=prompt.id,
        criterion=prompt.criterion,
        text=prompt.text,
        self_level=None if answer is None else answer.level,
        note=None if answer is None else answer.note,
        evidence=None if found is None else evidence_level(found[0]),
        value=None if found is None else found[0],
        because=None if found is None else found[1],
    )


def _gap(ident: str, self_level: float, evidence: int, because: str) -> list[Gap]:
    """The gap, if the self-assessed level exceeds the evidence by 2 or more."""
    if self_level - evidence < GAP:
        return []
    return [
        Gap(
            ident,
            self_level,
            evidence,
            f"you rate {ident} {self_level:g}; the model suggests {evidence}: {because}",
        )
    ]


@old_spellings(positional=("analysis",))
def assess(
    model: Model, assessment: Assessment | None = None, *, analysis: Analysis | None = None
) -> Maturity:
    """The maturity assessment of a model: evidence levels, and with an assessment, self levels and gaps.

    Parameters
    ----------
    model
        A valid model.
    assessment
        The self-assessment (:func:`silomap.load_assessment`); without it, evidence levels only.
    analysis
        The model's analysis, when it is at hand (else it is measured).

    Returns
    -------
    Maturity
        Each criterion with its evidence level, and with an assessment its self level and gap.

    Raises
    ------
    silomap.UsageError
        An argument of another kind, naming it.
    silomap.ModelError
        The model is invalid.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.assess(silomap.load("models/retail-bank"))
    >>> [(c.id, c.evidence) for c in m.criteria]
    [('understanding', 3), ('sales', 3), ('service', 4)]
    """
    need_model(model)
    need(
        assessment,
        Assessment,
        "assessment",
        "a silomap.Assessment (silomap.load_assessment(path) gives one)",
        optional=True,
    )
    need(analysis, Analysis, "analysis", "a silomap.Analysis of the model", optional=True)
    return _maturity(model, assessment, analysis or analyze(model))


def _maturity(model: Model, assessment: Assessment | None, analysis: Analysis) -> Maturity:
    """The levels of each criterion and question, and the gaps, from checked arguments."""
    questions = tuple(_question(model, analysis, q, assessment) for q in framework().questions)
    criteria = []
    gaps = []
    means: list[Fraction] = []
    for c in framework().criteria:
        stage = analysis.stage(c.stage)
        levels = [q.self_level for q in questions if q.criterion == c.id and q.self_level is not None]
        exact = Fraction(sum(levels), len(levels)) if levels else None
        if exact is not None:
            means.append(exact)
        mean = None if exact is None else round_half_up(exact)
        # the shown (rounded) score, so the level agrees with the band people read
        evidence = None if stage.score is None else evidence_level(Fraction(str(stage.score)) / 100)
        criteria.append(CriterionResult(c.id, c.name, c.stage, mean, evidence, stage.score))
        for q in questions:
            if q.criterion == c.id and q.self_level is not None and q.evidence is not None and q.because:
                gaps += _gap(q.id, q.self_level, q.evidence, q.because)
        if mean is not None and evidence is not None:
            gaps += _gap(c.id, mean, evidence, f"the {c.stage} stage scores {stage.score:g} ({stage.band})")
    overall = round_half_up(sum(means, Fraction(0)) / len(means)) if means else None
    return Maturity(tuple(criteria), questions, tuple(gaps), overall, assessment, model.name)
