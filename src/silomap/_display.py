"""How a result shows itself: as the command line prints it, in one line, and as an HTML card.

A result (an analysis, the fixes, a comparison, ...) lives in a layer below the reports that
render it, and may not import them. It inherits :class:`Shown`, whose ``__str__``, ``__repr__``
and ``_repr_html_`` look its renderers up in ``DISPLAYS``, by its class; the package facade fills
the table from the reports' one table of displays (``_reports.DISPLAYS``) when silomap is
imported, which it always is before any of its modules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

__all__ = ["DISPLAYS", "Display", "Shown", "use"]


class Display(NamedTuple):
    """How one kind of result shows itself: its CLI text, its line, its HTML card."""

    text: Callable[[Any], str]
    line: Callable[[Any], str]
    card: Callable[[Any], str]


DISPLAYS: dict[type, Display] = {}


def use(table: Mapping[type, Display]) -> None:
    """Show each class of ``table`` with its display (the facade calls this once, on import)."""
    DISPLAYS.update(table)


def _shown(result: object, form: str) -> str | None:
    for cls in type(result).__mro__:
        found = DISPLAYS.get(cls)
        if found is not None:
            shown: str = getattr(found, form)(result)
            return shown
    return None


class Shown:
    """A result that shows itself: ``str()`` is the CLI's text for the same call, ``repr()`` one
    line (its kind, its model, its score and band or its counts), and in a notebook an HTML card.

    >>> class Nothing(Shown):
    ...     pass
    >>> repr(Nothing()).startswith("<silomap._display.Nothing object")  # no display: Python's own
    True
    """

    __slots__ = ()

    def __str__(self) -> str:
        return _shown(self, "text") or object.__repr__(self)

    def __repr__(self) -> str:
        return _shown(self, "line") or object.__repr__(self)

    def _repr_html_(self) -> str | None:
        return _shown(self, "card")
