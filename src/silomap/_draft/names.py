"""Ids, names, channels and rounding of a draft (``draft.md``, "Ids and names", "Evidence and
rounding"): written once, so that every kind is named and rounded the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from .._importers import Taken
from .._model import CHANNELS
from .._text import slug

__all__ = ["SLUG_MAX", "WORDS", "channel_of", "ids_in_order", "rounded", "share", "slug48"]

SLUG_MAX = 48  # the longest slug before a ``-n``

# A raw channel value's slug -> the silomap channel it is, when it is none itself
WORDS: dict[str, str] = {
    "e-mail": "email",
    "telephone": "phone", "call": "phone", "voice": "phone",
    "portal": "web", "website": "web", "online": "web", "internet": "web",
    "app": "mobile", "sms": "mobile",
    "letter": "mail", "post": "mail",
    "store": "branch", "shop": "branch", "desk": "branch", "counter": "branch",
    "bot": "chat", "chatbot": "chat", "messenger": "chat", "whatsapp": "chat",
}  # fmt: skip


def slug48(name: str, kind: str) -> str:
    """A draft's slug: NFKD, non-ASCII dropped, lower case, each run of other characters ``-``,
    cut to 48 characters; ``kind`` when nothing is left.

    >>> slug48("Take in charge ticket", "step"), slug48("Ärger!", "team"), slug48("???", "team")
    ('take-in-charge-ticket', 'arger', 'team')
    """
    return slug(name, kind, limit=SLUG_MAX)


def ids_in_order(values: Iterable[str], kind: str, taken: Iterable[str] = ()) -> dict[str, str]:
    """Each value's id, given in the order of ``values``: its slug, or the smallest free ``-n``
    (n >= 2) when the slug is taken in its kind (``taken``: ids taken before any value).

    >>> ids_in_order(["B", "B 2", "b!"], "team")
    {'B': 'b', 'B 2': 'b-2', 'b!': 'b-3'}
    >>> ids_in_order(["Customer"], "team", taken=["customer"])
    {'Customer': 'customer-2'}
    """
    ids = Taken(set(taken))
    out: dict[str, str] = {}
    for value in values:
        if value not in out:
            out[value] = ids.next(slug48(value, kind))
    return out


def channel_of(raw: str, channels: dict[str, str]) -> tuple[str, bool]:
    """The silomap channel of a raw channel value, and whether the value was known: the mapping's
    ``channels`` entry, else its slug if that is a silomap channel, else the word table
    (:data:`WORDS`), else ``internal`` (not known: the report lists it).

    >>> channel_of("E-Mail", {}), channel_of("Counter", {"Counter": "branch"}), channel_of("Fax", {})
    (('email', True), ('branch', True), ('internal', False))
    """
    if raw in channels:
        return channels[raw], True
    name = slug48(raw, "")
    if name in CHANNELS:
        return name, True
    if name in WORDS:
        return WORDS[name], True
    return "internal", False


def rounded(value: Fraction, places: int) -> float:
    """``value`` rounded half up, exactly, to ``places`` decimals.

    >>> rounded(Fraction(1, 8), 2), rounded(Fraction(-1, 8), 2), rounded(Fraction(9808, 10000), 4)
    (0.13, -0.13, 0.9808)
    """
    scaled = abs(value) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))  # exact: no float, no decimal context
    return float(Decimal(whole if value >= 0 else -whole).scaleb(-places))


def share(cases: int, total: int) -> float:
    """``cases / total`` to 4 decimals, half up; 0 for no total.

    >>> share(4365, 4580), share(1, 8)
    (0.9531, 0.125)
    """
    return rounded(Fraction(cases, total), 4) if total else 0.0
