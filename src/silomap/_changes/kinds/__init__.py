"""The kinds of change: one module a kind, and ``KINDS``, the table everything dispatches through.

Each module defines one :class:`Kind`: the frozen pydantic model of its fields, with the ids
they name, how it applies to a model, what it costs (quick or big), how it reads in words
and what it touches. :class:`silomap.Change` has one field per row; applying, checking,
the words, the effort, the measurement of a fix and the scope of a search all look the kind
up here. Adding a kind is one module and one row (``tests/test_change_kinds.py`` checks each
row is complete, and that a kind made in a test flows from a change file to words).

- ``kind``: the class a kind defines, and what it is given;
- ``ends``: what the kinds editing the integrations between two systems share;
- ``steps``: steps edited and checked, for the kinds that change steps or their systems.
"""

from __future__ import annotations

from .add_integration import AddIntegration
from .edit_step import EditStep
from .hold import Hold
from .kind import Kind, Strict, Touches, Where
from .merge_systems import MergeSystems
from .remove_integration import RemoveIntegration
from .remove_step import RemoveStep
from .retire_system import RetireSystem
from .set_mode import SetMode

__all__ = ["KINDS", "Kind", "Strict", "Touches", "Where"]

KINDS: dict[str, type[Kind]] = {
    kind.kind: kind
    for kind in (
        AddIntegration,
        SetMode,
        RemoveIntegration,
        Hold,
        MergeSystems,
        RetireSystem,
        EditStep,
        RemoveStep,
    )
}
