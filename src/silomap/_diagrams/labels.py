"""Label text shared by the DOT and Mermaid views: wrapped, folded, counted."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from .typeface import text_width

__all__ = ["FOLD_AFTER", "fit", "fold", "widest_word", "wrap"]

FOLD_AFTER = 3  # entities named on an integration before "+N more"


def wrap(text: str, width: int = 24) -> str:
    """Wrap a label on word boundaries.

    >>> wrap("Customer asks where the card is", 16)
    'Customer asks\\nwhere the card\\nis'
    """
    return "\n".join(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)) or text


def fold(items: Sequence[str], limit: int = FOLD_AFTER, sep: str = ", ") -> str:
    """Name a few items and count the rest.

    >>> fold(["address", "profile", "order", "invoice", "payment"])
    'address, profile, order +2 more'
    """
    shown = sep.join(items[:limit])
    return shown + (f" +{len(items) - limit} more" if len(items) > limit else "")


def fit(text: str, size: float, width: float, max_lines: int = 3) -> list[str]:
    """Wrap ``text`` into lines no wider than ``width`` points at ``size`` points (measured with
    the shipped font), breaking at spaces and after hyphens, never inside a word: a word wider
    than ``width`` stands whole on its line (:func:`widest_word` says how wide to draw the box)
    and ends in "…" only where even that would not fit. Past ``max_lines`` the last line ends
    with "…", after a whole word.

    >>> fit("Customer asks where the replacement card is", 10, 80)
    ['Customer asks', 'where the', 'replacement…']
    >>> fit("verify-identity-and-address", 10, 80)
    ['verify-identity-', 'and-address']
    """
    lines: list[str] = []
    for word in text.split():
        for n, piece in enumerate(_pieces(word)):
            glue = "" if n else " "
            if lines and text_width(lines[-1] + glue + piece, size) <= width:
                lines[-1] += glue + piece
            else:
                lines.append(piece)
    lines = [_shorten(line, size, width) for line in lines] or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _ellipsis(lines[max_lines - 1], size, width)]
    return lines


def widest_word(text: str, size: float) -> float:
    """The width in points of the widest piece of ``text`` that :func:`fit` never breaks.

    >>> widest_word("check Kundendatenverwaltung-entry", 10) == text_width("Kundendatenverwaltung-", 10)
    True
    """
    return max((text_width(piece, size) for word in text.split() for piece in _pieces(word)), default=0.0)


def _pieces(word: str) -> list[str]:
    """A word cut after each hyphen: the places a line may end inside it."""
    return re.findall(r"[^-]*-+|[^-]+", word)


def _shorten(line: str, size: float, width: float) -> str:
    """A line wider than ``width`` (one word that cannot break), cut to fit and ended with "…"."""
    while len(line) > 1 and text_width(line, size) > width:
        line = line[:-2] + "…"
    return line


def _ellipsis(line: str, size: float, width: float) -> str:
    """``line`` ended with "…" where more text follows: whole words dropped until it fits."""
    while " " in line and text_width(line + "…", size) > width:
        line = line.rsplit(" ", 1)[0]
    return _shorten(line + "…", size, width)
