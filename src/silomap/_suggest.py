"""Near-miss suggestions ("did you mean 'crm'?") that stay fast on big models.

A :class:`Suggester` indexes its choices once: every choice and each of its
one-character deletions (the SymSpell idea), so a word one edit away from a
choice (a letter changed, added, dropped or two swapped) is found by a few
dictionary look-ups, whatever the number of choices. Small lists are also
compared with :mod:`difflib`, which catches looser misses (``sytems``).
Look-alike characters from other scripts (a Cyrillic ``\u0441`` in ``\u0441rm``) are
named, and their Latin twin suggested.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["Suggester", "did_you_mean", "lookalikes", "skeleton"]

SMALL = 300  # choices compared one by one with difflib; above this, the index alone
BUDGET = 2_000  # different words looked up by one suggester
_CUTOFF = 0.75

# Letters of other scripts that look like Latin letters in most fonts.
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁӏɡԛԝαοριυνκτ",
    "aeopcyxijsdlgqwaopiuvkt",
)


def skeleton(word: str) -> str:
    """``word`` with look-alike letters of other scripts and compatibility forms made plain Latin.

    >>> skeleton("\\u0441rm"), skeleton("\\uff43\\uff52\\uff4d")
    ('crm', 'crm')
    """
    folded = unicodedata.normalize("NFKD", word.translate(_CONFUSABLE))
    return "".join(c for c in folded if not unicodedata.combining(c))


def lookalikes(word: str) -> str:
    """Name the first character of ``word`` that is not ASCII but looks like a Latin letter.

    >>> lookalikes("\\u0441rm")
    'contains U+0441 CYRILLIC SMALL LETTER ES'
    """
    for char in word:
        if not char.isascii() and skeleton(char).isascii():
            return f"contains U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"
    return ""


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Suggester:
    """The closest choice to a word, from an index built once.

    >>> s = Suggester(["crm", "erp", "billing"])
    >>> s.suggest("crn"), s.suggest("biling"), s.suggest("zzz")
    ('crm', 'billing', None)
    """

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = sorted(set(choices))
        self._folded = {c.casefold(): c for c in reversed(self.choices)}
        self._near: dict[str, list[str]] = {}
        for choice in self.choices:
            for key in {choice, *_deletes(choice)} if len(choice) >= 3 else {choice}:
                self._near.setdefault(key, []).append(choice)
        self._memo: dict[str, str | None] = {}

    def suggest(self, word: str) -> str | None:
        """The best near miss for ``word``, or ``None``.

        After ``BUDGET`` different words, no more are looked up: a model with
        thousands of unknown names needs a fix, not a hint for each.
        """
        if word not in self._memo:
            if not self.choices or len(self._memo) >= BUDGET:
                return None
            self._memo[word] = self._find(word)
        return self._memo[word]

    def _find(self, word: str) -> str | None:
        for form in (word.casefold(), skeleton(word).casefold()):
            if form in self._folded and self._folded[form] != word:
                return self._folded[form]
        folded = skeleton(word).casefold()
        close: set[str] = set()
        if len(folded) >= 3:
            for key in {folded, *_deletes(folded)}:
                close.update(self._near.get(key, ()))
        close.discard(word)
        if not close and len(self.choices) <= SMALL:
            close.update(difflib.get_close_matches(folded, self.choices, n=3, cutoff=_CUTOFF))
        if not close:
            return None
        return max(sorted(close), key=lambda c: difflib.SequenceMatcher(None, folded, c).ratio())


def did_you_mean(word: str, choices: Iterable[str] | Suggester) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or ``""``.

    >>> did_you_mean("sytems", ["systems", "teams"])
    "; did you mean 'systems'?"
    """
    found = (choices if isinstance(choices, Suggester) else Suggester(choices)).suggest(word)
    return f"; did you mean '{found}'?" if found else ""
