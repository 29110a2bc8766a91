"""An :class:`Analysis` joined by id: one record per journey, question and team.

The analysis keeps parallel tuples (figures, experience, parity, KPI rows, team hours) in the
model's order; a presenter that needs a journey's figures *and* its experience *and* its KPIs asks
for the journey's record instead of building ``{x.id: x}`` maps of its own. The records are built
once per analysis (:attr:`Analysis.joined`) and are as frozen as the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .experience import JourneyExperience, KpiRow
from .figures import EntityFigure, JourneyFigure, QuestionFigure, TeamFigure
from .parity import QuestionParity

if TYPE_CHECKING:
    from .analysis import Analysis

__all__ = ["Joined", "JourneyRecord", "QuestionRecord", "TeamRecord", "join"]


@dataclass(frozen=True)
class _Holder:
    """What a journey's and a question's records share: the id and the KPI rows given for it."""

    id: str
    kpis: tuple[KpiRow, ...]


@dataclass(frozen=True)
class JourneyRecord(_Holder):
    """One journey's ``figure`` (hand-offs, re-entries), its ``experience`` (systems, minutes,
    agent hours) and its ``kpis`` (empty when it has none).

    >>> import silomap
    >>> j = silomap.analyze(silomap.load("models/retail-bank")).journey_record("report-lost-card")
    >>> j.figure.handoffs, len(j.experience.systems), [row.kpi.id for row in j.kpis]
    (2, 5, ['nps', 'fcr', 'transfer_rate'])
    """

    figure: JourneyFigure
    experience: JourneyExperience


@dataclass(frozen=True)
class QuestionRecord(_Holder):
    """One question's ``figure`` (systems per question, cover), its channel ``parity`` and its
    ``kpis``: ``analysis.question_record("where-is-my-card").parity.self_served``."""

    figure: QuestionFigure
    parity: QuestionParity


@dataclass(frozen=True)
class TeamRecord:
    """One team's desktop (``figure``) and its agent ``hours`` a month, exact (``None`` without them).

    >>> import silomap
    >>> t = silomap.analyze(silomap.load("models/retail-bank")).team_record("contact-center")
    >>> t.figure.desktop, float(t.hours)
    (5, 648.3333333333334)
    """

    id: str
    figure: TeamFigure
    hours: Fraction | None


@dataclass(frozen=True)
class Joined:
    """Every record of an analysis by id, in the model's order; the entities' figures by id, and the
    model-wide KPI rows."""

    journeys: dict[str, JourneyRecord]
    questions: dict[str, QuestionRecord]
    teams: dict[str, TeamRecord]
    entities: dict[str, EntityFigure]
    kpis: tuple[KpiRow, ...]

    def kpi_holders(self) -> list[tuple[str, str, tuple[KpiRow, ...]]]:
        """Each holder that has KPIs, as ``(scope, id, rows)``: the model (id ``""``), then each
        journey, then each question, in the model's order (the order of ``Analysis.kpis``).

        >>> import silomap
        >>> joined = silomap.analyze(silomap.load("models/retail-bank")).joined
        >>> [(scope, ident, len(rows)) for scope, ident, rows in joined.kpi_holders()][:2]
        [('model', '', 2), ('journey', 'check-balance', 2)]
        """
        holders = [("model", "", self.kpis)]
        holders += [("journey", j.id, j.kpis) for j in self.journeys.values()]
        holders += [("question", q.id, q.kpis) for q in self.questions.values()]
        return [holder for holder in holders if holder[2]]


def join(a: Analysis) -> Joined:
    """The records of an analysis, each tuple read once.

    >>> import silomap
    >>> joined = join(silomap.analyze(silomap.load("models/telecom")))
    >>> list(joined.journeys)[:2] == [j.id for j in joined.journeys.values()][:2]
    True
    """
    rows: dict[tuple[str, str], list[KpiRow]] = {}
    for row in a.kpis:
        rows.setdefault((row.scope, row.id), []).append(row)

    def kpis(scope: str, ident: str) -> tuple[KpiRow, ...]:
        return tuple(rows.get((scope, ident), ()))

    felt = {e.id: e for e in a.experience}  # the one place the tuples are joined by id
    parity = {p.id: p for p in a.parity}
    hours = {t.id: t.hours for t in a.team_hours}
    return Joined(
        journeys={j.id: JourneyRecord(j.id, kpis("journey", j.id), j, felt[j.id]) for j in a.journeys},
        questions={q.id: QuestionRecord(q.id, kpis("question", q.id), q, parity[q.id]) for q in a.questions},
        teams={t.id: TeamRecord(t.id, t, hours.get(t.id)) for t in a.teams},
        entities={e.id: e for e in a.entities},
        kpis=kpis("model", ""),
    )
