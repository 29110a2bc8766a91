"""Rolling alerts (``watch.md``, "Output"): per journey, the transfers of its last ``--rolling``
closed matched cases, in closing order. When that window is full and its mean exceeds the
journey's declared hand-offs plus the margin, an alert is **raised**; it is **cleared** when the
mean falls to the declared hand-offs plus half the margin, or below.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction
from typing import Any

__all__ = ["Rolling"]


class Rolling:
    """One journey's window of transfers and whether its alert is raised.

    >>> r = Rolling("j", size=2, declared=1, margin=1.0)
    >>> [r.add(t) for t in (3, 3, 2, 1)]  # means -, 3, 2.5, 1.5
    [None, 'raised', None, 'cleared']
    """

    __slots__ = ("declared", "high", "journey", "low", "raised", "total", "window")

    def __init__(self, journey: str, *, size: int, declared: int, margin: float) -> None:
        self.journey, self.declared = journey, declared
        self.window: deque[int] = deque(maxlen=size)
        self.total = 0
        self.high = declared + Fraction(margin)
        self.low = declared + Fraction(margin) / 2
        self.raised = False

    def add(self, transfers: int) -> str | None:
        """A closed case's transfers; the alert's new state, if it changes."""
        window = self.window
        if len(window) == window.maxlen:
            self.total -= window[0]
        window.append(transfers)
        self.total += transfers
        if len(window) < (window.maxlen or 0):
            return None
        mean = Fraction(self.total, len(window))
        if not self.raised and mean > self.high:
            self.raised = True
            return "raised"
        if self.raised and mean <= self.low:
            self.raised = False
            return "cleared"
        return None

    def alert(self, state: str, stream_time: str | None) -> dict[str, Any]:
        """The alert object of ``watch.md``."""
        return {
            "type": "alert",
            "state": state,
            "journey": self.journey,
            "transfers_rolling": float(Fraction(self.total, len(self.window))),
            "handoffs_declared": self.declared,
            "cases": len(self.window),
            "stream_time": stream_time,
        }
