"""The kinds of change: one module a kind, and ``KINDS``, the table everything dispatches through.

Each module fills in one :class:`Kind`: the schema of its fields (a frozen pydantic model),
the ids they name, how it applies to a model, what it costs (quick or big), how it reads in
words and what it touches. :class:`silomap.Change` has one field per row; applying, checking,
the words, the effort, the measurement of a fix and the scope of a search all look the kind
up here. Adding a kind is one module and one row (``tests/test_change_kinds.py`` checks each
row is complete, and that a kind made in a test flows from a change file to words).

- ``kind``: the record a kind fills in, and what it is given;
- ``ends``: what the kinds editing the integrations between two systems share;
- ``steps``: steps edited and checked, for the kinds that change steps or their systems.
"""

from __future__ import annotations

from typing import Any

from . import (
    add_integration,
    edit_step,
    hold,
    merge_systems,
    remove_integration,
    remove_step,
    retire_system,
    set_mode,
)
from .kind import Kind, Strict, Touches, Where

__all__ = ["KINDS", "Kind", "Strict", "Touches", "Where"]

KINDS: dict[str, Kind[Any]] = {
    kind.name: kind
    for kind in (
        add_integration.KIND,
        set_mode.KIND,
        remove_integration.KIND,
        hold.KIND,
        merge_systems.KIND,
        retire_system.KIND,
        edit_step.KIND,
        remove_step.KIND,
    )
}
