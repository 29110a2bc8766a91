"""Label text shared by the DOT and Mermaid views: wrapped, folded, counted."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

__all__ = ["FOLD_AFTER", "fold", "plural", "wrap"]

FOLD_AFTER = 3  # entities named on an integration before "+N more"


def wrap(text: str, width: int = 24) -> str:
    """Wrap a label on word boundaries.

    >>> wrap("Customer asks where the card is", 16)
    'Customer asks\\nwhere the card\\nis'
    """
    return "\n".join(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)) or text


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 hand-off``, ``2 hand-offs``.

    >>> plural(1, "channel switch", "channel switches"), plural(2, "hand-off")
    ('1 channel switch', '2 hand-offs')
    """
    return f"{count} {one if count == 1 else many or one + 's'}"


def fold(items: Sequence[str], limit: int = FOLD_AFTER, sep: str = ", ") -> str:
    """Name a few items and count the rest.

    >>> fold(["address", "profile", "order", "invoice", "payment"])
    'address, profile, order +2 more'
    """
    shown = sep.join(items[:limit])
    return shown + (f" +{len(items) - limit} more" if len(items) > limit else "")
