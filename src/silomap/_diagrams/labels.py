"""Label text shared by the DOT and Mermaid views: wrapped, folded, counted."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .typeface import text_width

__all__ = ["FOLD_AFTER", "fit", "fold", "wrap"]

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
    the shipped font), breaking long words; past ``max_lines`` the last line ends with "…".

    >>> fit("Customer asks where the replacement card is", 10, 80)
    ['Customer asks', 'where the', 'replacement ca…']
    """
    lines: list[str] = []
    for word in text.split():
        while text_width(word, size) > width:  # a word wider than the box is cut where it must be
            cut = max(1, next(i for i in range(len(word), 0, -1) if text_width(word[:i], size) <= width))
            lines, word = _add(lines, word[:cut], size, width), word[cut:]
            lines.append("")
        lines = _add(lines, word, size, width)
    lines = [line for line in lines if line] or [""]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _add(lines: list[str], word: str, size: float, width: float) -> list[str]:
    if not word:
        return lines
    if lines and lines[-1] and text_width(f"{lines[-1]} {word}", size) <= width:
        return [*lines[:-1], f"{lines[-1]} {word}"]
    if lines and not lines[-1]:
        return [*lines[:-1], word]
    return [*lines, word]
