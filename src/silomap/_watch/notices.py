"""Warnings about the stream's lines (``watch.md``, "Order and bad input"), on standard error as
``SOURCE:LINE:1: warning[CODE]: message``: the first :data:`SHOWN` of each code, all counted.
Under ``--strict`` a malformed line is an error instead (exit 2), located the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .._errors import ModelError, Problem
from .._text import safe_text

__all__ = ["DUPLICATE", "LATE", "MALFORMED", "SHOWN", "Notices"]

MALFORMED = "SM089"  # a line that is no event: skipped
LATE = "SM096"  # an event older than its case's last: applied where it arrives
DUPLICATE = "SM095"  # an event id among its open case's last 16: dropped
SHOWN = 100  # warnings shown of each code


class Notices:
    """Counts the stream's bad lines, shows the first of each code through ``say``; ``strict``:
    a malformed line raises :class:`silomap.ModelError` (exit 2)."""

    def __init__(self, say: Callable[[str], None] | None, *, strict: bool = False) -> None:
        self.say = say
        self.strict = strict
        self.counts: Counter[str] = Counter()

    def __call__(self, source: str, line: int, code: str, message: str) -> None:
        """A bad line of ``source`` (``-``: standard input) at physical ``line``."""
        if self.strict and code == MALFORMED:
            raise ModelError([Problem(source, line, 1, code, message)])
        self.counts[code] += 1
        if self.say is not None and self.counts[code] <= SHOWN:
            self.say(f"{safe_text(source)}:{line}:1: warning[{code}]: {safe_text(message)}")
            if self.counts[code] == SHOWN:
                self.say(
                    f"{safe_text(source)}: warning[{code}]: further warnings of {code} are counted, not shown"
                )
