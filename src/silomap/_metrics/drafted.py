"""What a model drafted from an event log says about itself (``draft.md``, "Evidence and rounding").

``silomap draft`` gives every item it writes an ``x-evidence: {cases: n, share: s}``: the log's
cases that item rests on, and their share. This module reads it back, for the completeness summary,
the report and the diagrams. An ``x-`` field is the user's to write, so a value of another shape is
no evidence (nothing is shown), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._model import Extensible, Model
from .score import round_half_up

__all__ = ["DRAFTED_KINDS", "EVIDENCE_KEY", "LogEvidence", "drafted_items", "is_drafted", "log_evidence"]

EVIDENCE_KEY = "x-evidence"
DRAFTED_KINDS = ("journeys", "steps", "teams", "systems", "questions", "entities")


@dataclass(frozen=True)
class LogEvidence:
    """The cases of the log an item was drafted from, and their share (``None``: not given).

    >>> LogEvidence(4384, 0.5).text(volume=91.6)
    'drafted from 4,384 cases, 92 a month'
    >>> LogEvidence(1, None).text(), LogEvidence(2, None).text(volume=2.5)
    ('drafted from 1 case', 'drafted from 2 cases, 3 a month')
    >>> LogEvidence(2, 0.6667).text(share_of="the journey")
    "drafted from 2 cases, 67% of the journey's"
    """

    cases: int
    share: float | None

    def text(self, *, volume: float | None = None, share_of: str | None = None) -> str:
        """The evidence in words, with a journey's volume a month when it has one.

        Parameters
        ----------
        volume
            The item's volume a month (a journey's, a question's), shown whole (half up), or ``None``.
        share_of
            What the share is of (a step's: ``the journey``), to say it as a whole percentage (half
            up); ``None``, or a share not given: not said.

        Returns
        -------
        str
            ``drafted from N cases``, then ``, V a month`` and ``, P% of the journey's`` as asked.
        """
        said = f"drafted from {self.cases:,} {'case' if self.cases == 1 else 'cases'}"
        if volume is not None:
            said += f", {round_half_up(Fraction(volume), 0):,.0f} a month"
        if share_of is not None and self.share is not None:
            said += f", {round_half_up(Fraction(self.share) * 100, 0):.0f}% of {share_of}'s"
        return said


def _share(value: Any) -> float | None:
    """A share from 0 to 1, or ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def log_evidence(item: Extensible) -> LogEvidence | None:
    """An item's ``x-evidence``, or ``None`` when it has none or one of another shape (cases a whole
    number of at least 0; share, when given, a number from 0 to 1).

    Parameters
    ----------
    item
        A team, system, entity, question, journey or step.

    Returns
    -------
    LogEvidence or None
        What the item was drafted from.

    Examples
    --------
    >>> from silomap import Team
    >>> log_evidence(Team.model_validate({"id": "l1", "x-evidence": {"cases": 12, "share": 0.25}}))
    LogEvidence(cases=12, share=0.25)
    >>> log_evidence(Team.model_validate({"id": "l1", "x-evidence": "many"})) is None
    True
    """
    raw = item.extensions.get(EVIDENCE_KEY)
    if not isinstance(raw, dict):
        return None
    cases, share = raw.get("cases"), raw.get("share")
    if not isinstance(cases, int) or isinstance(cases, bool) or cases < 0:
        return None
    return LogEvidence(cases, _share(share))


def drafted_items(model: Model) -> dict[str, list[tuple[str, Extensible]]]:
    """Every item a draft gives evidence on, by kind (:data:`DRAFTED_KINDS`), each with its id
    (``journey/step`` for a step)."""
    return {
        "journeys": [(j.id, j) for j in model.journeys],
        "steps": [(f"{j.id}/{s.id}", s) for j in model.journeys for s in j.steps],
        "teams": [(t.id, t) for t in model.teams],
        "systems": [(s.id, s) for s in model.systems],
        "questions": [(q.id, q) for q in model.questions],
        "entities": [(e.id, e) for e in model.entities],
    }


def is_drafted(model: Model) -> bool:
    """Whether any item of ``model`` carries evidence from a log: a draft, or a model completed from
    one.

    >>> from silomap import Model, Team
    >>> team = Team.model_validate({"id": "l1", "x-evidence": {"cases": 3}})
    >>> is_drafted(Model(silomap=1, name="m", teams=(team,))), is_drafted(Model(silomap=1, name="m"))
    (True, False)
    """
    return any(log_evidence(item) for items in drafted_items(model).values() for _, item in items)
