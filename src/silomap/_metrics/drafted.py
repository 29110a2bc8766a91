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

from .._model import Extensible
from .score import round_half_up

__all__ = ["EVIDENCE_KEY", "LogEvidence", "drafted_text", "log_evidence"]

EVIDENCE_KEY = "x-evidence"


@dataclass(frozen=True)
class LogEvidence:
    """The cases of the log an item was drafted from, and their share (``None``: not given).

    >>> LogEvidence(4384, 0.5).text(volume=91.6)
    'drafted from 4,384 cases, 92 a month'
    >>> LogEvidence(1, None).text(), LogEvidence(2, None).text(volume=2.5)
    ('drafted from 1 case', 'drafted from 2 cases, 3 a month')
    """

    cases: int
    share: float | None

    def text(self, *, volume: float | None = None) -> str:
        """The evidence in words, with a journey's volume a month when it has one.

        Parameters
        ----------
        volume
            The item's volume a month (a journey's, a question's), shown whole (half up), or ``None``.

        Returns
        -------
        str
            ``drafted from N cases`` and, with a volume, ``, V a month``.
        """
        said = f"drafted from {self.cases:,} {'case' if self.cases == 1 else 'cases'}"
        if volume is None:
            return said
        return f"{said}, {round_half_up(Fraction(volume), 0):,.0f} a month"


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


def drafted_text(item: Extensible, *, volume: float | None = None) -> str | None:
    """:meth:`LogEvidence.text` of an item, or ``None`` when it carries no evidence.

    Parameters
    ----------
    item
        Any item of the model.
    volume
        Its volume a month, if it has one.

    Returns
    -------
    str or None
        ``drafted from N cases[, V a month]``.

    Examples
    --------
    >>> from silomap import Team
    >>> drafted_text(Team.model_validate({"id": "l1", "x-evidence": {"cases": 4384}}), volume=91.6)
    'drafted from 4,384 cases, 92 a month'
    """
    found = log_evidence(item)
    return None if found is None else found.text(volume=volume)
