"""The one ranking of "worst": read by the terminal summary, the reports and the notebook.

Impact per month is what a CIO can weigh:

- a journey's **frictions** = (hand-offs + re-entries) x volume;
- a question's **extra systems** = (systems per question - 1) x volume.

When not every journey (or question) has a volume, every volume counts as 1
and the ranking is *unweighted* (the outputs say so). Ties go to the item
with more systems (questions), then by id, so the order is stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._model import need
from .analysis import Analysis
from .figures import EntityFigure, JourneyFigure, QuestionFigure, TeamFigure
from .score import volume_weights

__all__ = ["Ranking", "rank"]


@dataclass(frozen=True)
class Ranking:
    """Journeys, questions, desktops and unsynced data, worst first.

    ``journeys`` and ``questions`` pair each figure with its impact per month;
    ``journeys_weighted`` and ``questions_weighted`` say whether volumes were used.

    Attributes
    ----------
    journeys, questions
        Each figure with its impact a month, worst first.
    journeys_weighted, questions_weighted
        Whether volumes weighed them.
    teams
        Teams by desktop size, largest first.
    unsynced
        Entities by unsynced copies, most first.

    Examples
    --------
    >>> import silomap
    >>> worst, frictions = silomap.rank(silomap.analyze(silomap.load("models/retail-bank"))).journeys[0]
    >>> worst.id, frictions
    ('report-lost-card', 6000.0)
    """

    journeys: tuple[tuple[JourneyFigure, float], ...]
    questions: tuple[tuple[QuestionFigure, float], ...]
    journeys_weighted: bool
    questions_weighted: bool
    teams: tuple[TeamFigure, ...]
    unsynced: tuple[EntityFigure, ...]


def _impacts(counts: list[int], volumes: list[float | None]) -> tuple[list[float], bool]:
    weights, weighted = volume_weights(volumes)
    return [float(count * weight) for count, weight in zip(counts, weights, strict=True)], weighted


def rank(analysis: Analysis) -> Ranking:
    """Rank an analysis: journeys by frictions per month, questions by extra systems per month,
    teams by desktop size, and the entities with unsynced copies by how many.

    Parameters
    ----------
    analysis
        The model's analysis (:func:`silomap.analyze`).

    Returns
    -------
    Ranking
        The journeys, questions, teams and entities, worst first, each with its impact.

    Raises
    ------
    silomap.UsageError
        ``analysis`` is not a :class:`silomap.Analysis`.

    Examples
    --------
    >>> import silomap
    >>> ranked = rank(silomap.analyze(silomap.load("models/retail-bank")))
    >>> [(j.id, impact) for j, impact in ranked.journeys[:2]]
    [('report-lost-card', 6000.0), ('move-house', 4000.0)]
    """
    need(analysis, Analysis, "analysis", "a silomap.Analysis (silomap.analyze(model) gives one)")
    js, qs = analysis.journeys, analysis.questions
    j_impact, j_weighted = _impacts([j.handoffs + len(j.reentries) for j in js], [j.volume for j in js])
    q_impact, q_weighted = _impacts([q.spq - 1 for q in qs], [q.volume for q in qs])
    journeys = sorted(zip(js, j_impact, strict=True), key=lambda item: (-item[1], item[0].id))
    questions = sorted(zip(qs, q_impact, strict=True), key=lambda item: (-item[1], -item[0].spq, item[0].id))
    return Ranking(
        journeys=tuple(journeys),
        questions=tuple(questions),
        journeys_weighted=j_weighted,
        questions_weighted=q_weighted,
        teams=tuple(sorted(analysis.teams, key=lambda t: (-t.desktop, t.id))),
        unsynced=tuple(
            sorted((e for e in analysis.entities if e.unsynced), key=lambda e: (-e.unsynced, e.id))
        ),
    )
