"""Which changes a search for fixes may propose (``docs/fixes.md``, "Which changes are never
proposed"): the user's scope (effort, kept systems, kinds left out) and the model's own limits
(external systems, systems being replaced)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._errors import UsageError
from .._model import REPLACED, Model, by_id
from .._suggest import did_you_mean
from .._text import quote_value
from .kinds import KINDS, Touches
from .schema import Change
from .words import effort as effort_of

__all__ = ["EFFORTS", "Scope", "scope_of"]

EFFORTS = ("quick", "big")


@dataclass(frozen=True)
class Scope:
    """Which changes a search may propose: not of a kind left out, touching no kept system (nor
    a step that uses one), never merging or retiring an external one, nothing into a retired system,
    not spent only on systems being replaced, and of the effort asked for."""

    keep: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    effort: str | None = None
    replaced: frozenset[str] = frozenset()
    retired: frozenset[str] = frozenset()

    def _barred(self, systems: frozenset[str]) -> bool:
        """Money spent only on systems being replaced buys nothing lasting, and a retired system
        takes nothing new; kept systems are the user's to keep."""
        return bool(systems & (self.keep | self.retired)) or (bool(systems) and systems <= self.replaced)

    def allows(self, change: Change, model: Model) -> bool:
        """Whether ``change`` may be proposed for ``model``."""
        if change.kind in self.without:
            return False
        touched = change.body.touches()
        systems = change.systems | _step_systems(touched, model)
        if systems & self.keep or touched.systems & _external(model):
            return False  # kept by the user; or merging or retiring a supplier's system
        if change.body.invests and self._barred(systems):
            return False
        return self._effort(change, model)

    def _effort(self, change: Change, model: Model) -> bool:
        return self.effort is None or effort_of(change, model) == self.effort

    def allows_link(self, link: tuple[str, str, str]) -> bool:
        """Whether an added integration (always a quick hit) may be proposed."""
        source, target, _ = link
        return (
            "add-integration" not in self.without
            and self.effort in (None, "quick")
            and not self._barred(frozenset((source, target)))
        )


def _external(model: Model) -> frozenset[str]:
    return frozenset(s.id for s in model.systems if s.external)


def _step_systems(touched: Touches, model: Model) -> frozenset[str]:
    """The systems of the step a step change edits: a pre-fill at a kept system's step touches it."""
    if touched.step is None:
        return frozenset()
    journey, step = touched.step
    return frozenset(by_id(by_id(model.journeys, journey).steps, step).systems)


def scope_of(model: Model, effort: str | None, keep: Iterable[str], without: Iterable[str]) -> Scope:
    """The scope of a search, every argument checked: a usage error names the one at fault."""
    if effort is not None and effort not in EFFORTS:
        raise UsageError(f"{{param}} must be quick or big, not {effort!r}", param="effort")
    systems = {s.id for s in model.systems}
    for system in keep:
        if system not in systems:
            hint = did_you_mean(system, systems)
            raise UsageError(f"{{param}}: no system {quote_value(system)} in the model{hint}", param="keep")
    for kind in without:
        if kind not in KINDS:
            hint = did_you_mean(kind, KINDS) or "; expected one of: " + ", ".join(KINDS)
            raise UsageError(f"{{param}}: no change kind {quote_value(kind)}{hint}", param="without")
    replaced = frozenset(s.id for s in model.systems if s.lifecycle in REPLACED)
    retired = frozenset(s.id for s in model.systems if s.lifecycle == "retired")
    return Scope(frozenset(keep), frozenset(without), effort, replaced, retired)
