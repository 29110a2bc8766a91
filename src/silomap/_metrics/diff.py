"""Two versions of a model compared: what changed for customers, and what changed in the landscape.

``silomap diff BASE HEAD`` and :func:`silomap.diff` build on
:class:`~silomap._metrics.comparison.Comparison` (figures and evidence) and
add the systems and integrations that came and went.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .._display import Shown
from .._model import Integration, Model, need_model
from .analysis import analyze
from .comparison import Comparison, compare, with_cost
from .drafted import is_drafted
from .joined import JourneyRecord, QuestionRecord
from .matching import match_by_slug

__all__ = ["ModelDiff", "diff"]

R = TypeVar("R", JourneyRecord, QuestionRecord)


def _link(x: Integration) -> str:
    return f"{x.source} -> {x.target} ({', '.join(x.carries)}; {x.mode})"


def _status(before: Any, after: Any, key: Callable[[Any], Any]) -> str:
    """``added``, ``removed``, or whether ``key`` differs between the two sides."""
    if before is None:
        return "added"
    if after is None:
        return "removed"
    return "same" if key(before) == key(after) else "changed"


def _journey_key(j: Any) -> tuple[Any, ...]:
    return (j.handoffs, j.reentries, j.channel_switches)


def _sides(before: Mapping[str, R], after: Mapping[str, R]) -> list[tuple[str, R | None, R | None]]:
    """Each id of either side, base's first, with its record on each side (``None`` where none)."""
    return [(ident, before.get(ident), after.get(ident)) for ident in dict.fromkeys([*before, *after])]


def _pair(before: Any, after: Any, get: Callable[[Any], Any]) -> list[Any]:
    return [None if before is None else get(before), None if after is None else get(after)]


def _journey_change(ident: str, before: JourneyRecord | None, after: JourneyRecord | None) -> dict[str, Any]:
    b = None if before is None else before.figure
    h = None if after is None else after.figure
    return {
        "id": ident,
        "status": _status(b, h, _journey_key),
        "handoffs": _pair(b, h, lambda j: j.handoffs),
        "reentries": _pair(b, h, lambda j: len(j.reentries)),
        "silo_reentries": _pair(b, h, lambda j: j.silo_reentries),
        "channel_switches": _pair(b, h, lambda j: j.channel_switches),
    }


def _question_change(
    ident: str, before: QuestionRecord | None, after: QuestionRecord | None
) -> dict[str, Any]:
    b = None if before is None else before.figure
    h = None if after is None else after.figure
    return {"id": ident, "status": _status(b, h, lambda q: q.spq), "spq": _pair(b, h, lambda q: q.spq)}


@dataclass(frozen=True, repr=False)
class ModelDiff(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """Base and head compared: the figures (``comparison``) and the landscape's changes.

    Attributes
    ----------
    comparison
        The analyses of base and head (:class:`Comparison`).
    systems_added, systems_removed
        The systems' ids.
    integrations_added, integrations_removed
        The integrations, in words: ``crm -> erp (address; realtime)``.
    matched
        When a side is a draft (an item with ``x-evidence``): the head's items that took a base id by
        slug, as ``(kind, head id, base id)`` (``docs/versions.md``, "A draft beside a model").

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> better = silomap.apply(model, silomap.fixes(model, top=1, roadmap=0).fixes[0].change)
    >>> d = silomap.diff(model, better)
    >>> d.comparison.delta, len(d.integrations_added)
    (-2.3, 1)
    """

    comparison: Comparison
    systems_added: tuple[str, ...]
    systems_removed: tuple[str, ...]
    integrations_added: tuple[str, ...]
    integrations_removed: tuple[str, ...]
    matched: tuple[tuple[str, str, str], ...] | None = None

    @property
    def matched_words(self) -> tuple[str, ...]:
        """The pairs made by slug in words: ``journey billing = pay-bill`` (the head's id, then the
        base's)."""
        return tuple(f"{kind.removesuffix('s')} {head} = {base}" for kind, head, base in self.matched or ())

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap diff --json``: ``null`` where a side has no such item."""
        base, head = self.comparison.before, self.comparison.after
        names = list(dict.fromkeys([c.name for c in (*base.components, *head.components)]))

        def component(name: str) -> dict[str, Any]:
            b, h = (None if v is None else float(v) for v in (base.component(name), head.component(name)))
            return {"base": b, "head": h, "delta": None if b is None or h is None else h - b}

        journeys = _sides(base.joined.journeys, head.joined.journeys)
        questions = _sides(base.joined.questions, head.joined.questions)
        data = {
            "base": {"score": base.score, "band": base.band},
            "head": {"score": head.score, "band": head.band},
            "delta": self.comparison.delta,
            "components": {name: component(name) for name in names},
            "journeys": [_journey_change(ident, b, h) for ident, b, h in journeys],
            "questions": [_question_change(ident, b, h) for ident, b, h in questions],
            "systems": {"added": list(self.systems_added), "removed": list(self.systems_removed)},
            "integrations": {
                "added": list(self.integrations_added),
                "removed": list(self.integrations_removed),
            },
            "evidence": {
                "appeared": [
                    {"kind": e.kind, "where": e.where, "text": e.text} for e in self.comparison.appeared
                ],
                "disappeared": [
                    {"kind": e.kind, "where": e.where, "text": e.text} for e in self.comparison.disappeared
                ],
            },
        } | self._matched_json()
        return with_cost(data, self.comparison.cost)

    def _matched_json(self) -> dict[str, Any]:
        """``matched`` for a diff with a draft; nothing for two hand-written models."""
        if self.matched is None:
            return {}
        return {"matched": [{"kind": k, "head": h, "base": b} for k, h, b in self.matched]}


def diff(base: Model, head: Model) -> ModelDiff:
    """Compare two versions of a model.

    Parameters
    ----------
    base, head
        The two versions: the one before and the one after.

    Returns
    -------
    ModelDiff
        The score and each figure on both sides, and what was added, removed or changed.

    Raises
    ------
    silomap.UsageError
        ``base`` or ``head`` is not a :class:`silomap.Model`, naming it.
    silomap.ModelError
        A side is invalid.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/telecom")
    >>> d = silomap.diff(m, m)
    >>> d.comparison.delta, d.systems_added
    (0.0, ())
    """
    need_model(base, "base")
    need_model(head, "head")
    matched = None
    if is_drafted(base) or is_drafted(head):  # a draft names its items from the log: pair by slug
        head, matched = match_by_slug(base, head)
    old_s, new_s = {s.id for s in base.systems}, {s.id for s in head.systems}
    old_i, new_i = [_link(x) for x in base.integrations], [_link(x) for x in head.integrations]
    return ModelDiff(
        compare(analyze(base), analyze(head)),
        tuple(s.id for s in head.systems if s.id not in old_s),
        tuple(s.id for s in base.systems if s.id not in new_s),
        tuple(x for x in dict.fromkeys(new_i) if x not in set(old_i)),
        tuple(x for x in dict.fromkeys(old_i) if x not in set(new_i)),
        matched,
    )
