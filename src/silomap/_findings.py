"""What a report shows, in order of impact: shared by the HTML and the Markdown report.

Impact per month is what a CIO can weigh:

- a journey's **frictions** = (hand-offs + re-entries) x volume;
- a question's **extra systems** = (systems per question - 1) x volume.

When not every journey (or question) has a volume, every volume counts as 1
and the report says the ranking is unweighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._analysis import Analysis
from ._figures import JourneyFigure, QuestionFigure
from ._schema import Model
from ._score import BANDS

__all__ = ["BAND_MEANING", "COMPONENT_TEXT", "Findings", "findings"]

COMPONENT_TEXT = {
    "fragmentation": (
        "Systems per question",
        "How many systems someone must open to answer a customer's question.",
    ),
    "handoffs": ("Hand-offs", "How often a journey passes the customer from one team or channel to another."),
    "reentry": ("Re-entered data", "How much of what customers give is typed in again later."),
    "desktop": ("Agent desktops", "How many systems each team juggles in its steps."),
    "sync": ("Unsynced data", "How many copies of the same data no integration keeps in step."),
}
BAND_MEANING = {
    "connected": "Customers rarely feel the seams between systems.",
    "integrated": "Most journeys flow; a few seams show.",
    "partly integrated": "Customers feel the seams often: hand-offs and repeated details are common.",
    "fragmented": "Silos shape the customer experience: expect repetition and transfers in most journeys.",
    "siloed": "Almost every journey crosses disconnected systems and teams.",
}
assert set(BAND_MEANING) == {name for _, name in BANDS}


@dataclass(frozen=True)
class Findings:
    """The report's content, ranked. ``weighted`` says whether volumes were used."""

    journeys: list[tuple[JourneyFigure, float]]
    questions: list[tuple[QuestionFigure, float]]
    journeys_weighted: bool
    questions_weighted: bool


def findings(model: Model, analysis: Analysis) -> Findings:
    """Rank journeys by frictions per month and questions by extra systems per month.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> f = findings(m, silomap.analyze(m))
    >>> [(j.id, impact) for j, impact in f.journeys[:2]]
    [('report-lost-card', 6000.0), ('move-house', 4000.0)]
    """
    j_weighted = bool(analysis.journeys) and all(j.volume is not None for j in analysis.journeys)
    q_weighted = bool(analysis.questions) and all(q.volume is not None for q in analysis.questions)
    journeys = [
        (j, float((j.handoffs + len(j.reentries)) * (j.volume if j_weighted and j.volume else 1)))
        for j in analysis.journeys
    ]
    questions = [
        (q, float((q.spq - 1) * (q.volume if q_weighted and q.volume else 1))) for q in analysis.questions
    ]
    journeys.sort(key=lambda item: (-item[1], item[0].id))
    questions.sort(key=lambda item: (-item[1], -item[0].spq, item[0].id))
    return Findings(journeys, questions, j_weighted, q_weighted)
