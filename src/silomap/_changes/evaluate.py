"""Measuring a change without measuring the whole model again.

A change touches few entities, journeys, questions and teams. :class:`Base`
measures the model once; :meth:`Base.evaluate` applies one change, recomputes
only the figures it can affect, and updates each score component's sums
(``silomap._metrics.components``: numerator and denominator over figures)
by the difference. The arithmetic is exact, so the result equals the score of
the changed model computed from scratch (``tests/test_fixes.py`` checks it on
generated models).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._metrics import (
    COMPONENTS,
    Analysis,
    EntityFigure,
    Flows,
    JourneyFigure,
    Measured,
    Part,
    QuestionFigure,
    TeamFigure,
    analyze,
    components_of,
    consulted_systems,
    entity_figure,
    family_weights,
    journey_figure,
    question_figure,
    round_half_up,
    silo_score,
    team_figures,
    totals,
)
from .._model import Integration, Model, Weights
from .apply import apply_one
from .kinds import Touches
from .schema import Change

__all__ = ["Base", "Outcome"]


@dataclass(frozen=True)
class Outcome:
    """A change measured: the exact score after, and the figures that changed (before, after)."""

    change: Change
    model: Model
    exact: Fraction | None
    journeys: tuple[tuple[JourneyFigure, JourneyFigure], ...]
    questions: tuple[tuple[QuestionFigure, QuestionFigure], ...]
    entities: tuple[tuple[EntityFigure | None, EntityFigure | None], ...]
    teams: tuple[tuple[TeamFigure | None, TeamFigure | None], ...]

    @property
    def score(self) -> float | None:
        """The score after, rounded as ``silomap score`` shows it."""
        return None if self.exact is None else round_half_up(self.exact)


class Base:
    """A model measured once, ready to measure changes to it."""

    def __init__(self, model: Model, analysis: Analysis | None = None) -> None:
        self.model = model
        self.analysis = analysis or analyze(model)
        self.flows = Flows(model)
        a = self.analysis
        self.measured = Measured(a.questions, a.journeys, a.teams, a.entities)
        self.sums = totals(self.measured)
        weights = family_weights(self.measured)
        self.weight = {
            "questions": dict(zip((q.id for q in a.questions), weights["questions"], strict=True)),
            "journeys": dict(zip((j.id for j in a.journeys), weights["journeys"], strict=True)),
        }
        self.scoring = model.scoring.weights if model.scoring else Weights()
        self.journeys_weighted = bool(a.journeys) and all(j.volume is not None for j in a.journeys)
        self.between: dict[tuple[str, str], list[Integration]] = {}
        for link in model.integrations:
            self.between.setdefault((link.source, link.target), []).append(link)
        self.consulted = consulted_systems(model)
        self.needed_by: dict[str, list[int]] = {}
        for i, question in enumerate(model.questions):
            for entity in question.needs:
                self.needed_by.setdefault(entity, []).append(i)
        self.captured_in: dict[str, list[int]] = {}
        for i, journey in enumerate(model.journeys):
            for entity in {e for step in journey.steps for e in step.captures}:
                self.captured_in.setdefault(entity, []).append(i)

    def exact_score(self) -> Fraction | None:
        """The exact score of the base model."""
        return silo_score(components_of(self.sums, self.scoring))

    def _entities(self, change: Change) -> set[str]:
        """The entities whose flows the change can touch."""
        touched, model = change.body.touches(), self.model
        found = set(touched.entities)
        found |= {e for ends in touched.links for x in self.between.get(ends, ()) for e in x.carries}
        gone = touched.systems
        if gone:
            found |= {e.id for e in model.entities if not gone.isdisjoint(self.flows.exposers(e.id))}
            found |= {e for x in model.integrations if {x.source, x.target} & gone for e in x.carries}
        return found

    def _journeys(self, touched: Touches, entities: set[str]) -> set[int]:
        found = {i for e in entities for i in self.captured_in.get(e, ())}
        if touched.step is not None:
            found.add(next(i for i, j in enumerate(self.model.journeys) if j.id == touched.step[0]))
        gone = touched.systems
        if gone:
            found |= {
                i
                for i, j in enumerate(self.model.journeys)
                if any(not gone.isdisjoint(step.systems) for step in j.steps)
            }
        return found

    def evaluate(self, change: Change, evidence: bool = True) -> Outcome:
        """Apply one change (whose ids exist) and measure it, recomputing only what it can affect.

        Without ``evidence``, journeys whose counts cannot change (an integration
        or a holding changes only whether data was there) are not recomputed.
        """
        model = apply_one(self.model, change)
        touched = change.body.touches()
        entities = self._entities(change)
        flows = Flows(model, only=entities, rest=self.flows)  # only the entities the change can touch
        consulted = consulted_systems(model) if touched.steps else self.consulted
        sums = dict(self.sums)
        questions = self._questions(model, flows, entities, consulted, sums)
        # a change that moves only whether data was there (an integration, a holding, a merge) moves no
        # count of frictions: without evidence, its journeys need no recomputing
        indexes = self._journeys(touched, entities) if evidence or touched.counts else set()
        journeys = self._journeys_after(model, flows, indexes, sums)
        entity_pairs = self._entities_after(flows, entities, sums)
        teams = self._teams_after(model, sums) if touched.steps else ()
        exact = silo_score(components_of(sums, self.scoring))
        return Outcome(change, model, exact, journeys, questions, entity_pairs, teams)

    def _shift(self, sums: dict[str, Part], family: str, old: Any, new: Any, weight: Fraction) -> None:
        for row in COMPONENTS:
            if row.family != family:
                continue
            w = weight if row.weighted else Fraction(1)
            (n0, d0), (n1, d1) = (row.part(old) if old else (0, 0)), (row.part(new) if new else (0, 0))
            num, den = sums[row.id]
            sums[row.id] = (num + w * (n1 - n0), den + w * (d1 - d0))

    def _questions(
        self,
        model: Model,
        flows: Flows,
        entities: set[str],
        consulted: dict[str, set[str]],
        sums: dict[str, Part],
    ) -> tuple[tuple[QuestionFigure, QuestionFigure], ...]:
        out = []
        for i in sorted({i for e in entities for i in self.needed_by.get(e, ())}):
            old = self.analysis.questions[i]
            new = question_figure(model.questions[i], flows, consulted[old.id])
            self._shift(sums, "questions", old, new, self.weight["questions"][old.id])
            out.append((old, new))
        return tuple(out)

    def _journeys_after(
        self, model: Model, flows: Flows, indexes: set[int], sums: dict[str, Part]
    ) -> tuple[tuple[JourneyFigure, JourneyFigure], ...]:
        out = []
        for i in sorted(indexes):
            old = self.analysis.journeys[i]
            new = journey_figure(model.journeys[i], flows)
            self._shift(sums, "journeys", old, new, self.weight["journeys"][old.id])
            out.append((old, new))
        return tuple(out)

    def _entities_after(
        self, flows: Flows, entities: set[str], sums: dict[str, Part]
    ) -> tuple[tuple[EntityFigure | None, EntityFigure | None], ...]:
        before = self.analysis.joined.entities
        out = []
        for entity in sorted(entities):
            old, new = before.get(entity), entity_figure(entity, flows)
            self._shift(sums, "entities", old, new, Fraction(1))
            out.append((old, new))
        return tuple(out)

    def _teams_after(
        self, model: Model, sums: dict[str, Part]
    ) -> tuple[tuple[TeamFigure | None, TeamFigure | None], ...]:
        before = self.analysis.joined.teams
        after = {t.id: t for t in team_figures(model)}
        out = []
        for team in dict.fromkeys([*before, *after]):
            old = before[team].figure if team in before else None
            new = after.get(team)
            if old != new:
                self._shift(sums, "teams", old, new, Fraction(1))
                out.append((old, new))
        return tuple(out)
