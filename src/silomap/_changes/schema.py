"""The change file, version 1, as frozen pydantic models (``docs/fixes.md``).

A change is a mapping with exactly one key, the kind of change; the value
holds its fields. Changes are data: applying them is :mod:`.apply`'s work.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .._model.base import Id, Name
from .._model.schema import Channel, Minutes, Mode

__all__ = [
    "KINDS",
    "AddIntegration",
    "Change",
    "ChangeFile",
    "EditStep",
    "Hold",
    "MergeSystems",
    "RemoveIntegration",
    "RemoveStep",
    "RetireSystem",
    "SetMode",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AddIntegration(_Strict):
    """Append an integration, with every rule of a model integration."""

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    carries: tuple[Id, ...] = Field(min_length=1)
    mode: Mode = "realtime"


class SetMode(_Strict):
    """Set the mode of every integration from ``from`` to ``to``."""

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    mode: Mode


class RemoveIntegration(_Strict):
    """Remove every integration from ``from`` to ``to``."""

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")


class Hold(_Strict):
    """Add entities to a system's ``holds``."""

    system: Id
    entities: tuple[Id, ...] = Field(min_length=1)


class MergeSystems(_Strict):
    """Merge systems into one: references move to ``into``, which holds and serves their union."""

    into: Id
    systems: tuple[Id, ...] = Field(min_length=1)


class RetireSystem(_Strict):
    """Remove a system, its integrations, and its place in every step."""

    system: Id


class EditStep(_Strict):
    """Replace some fields of a step."""

    journey: Id
    step: Id
    actor: Id | None = None
    channel: Channel | None = None
    systems: tuple[Id, ...] | None = None
    captures: tuple[Id, ...] | None = None
    reads: tuple[Id, ...] | None = None
    answers: tuple[Id, ...] | None = None
    minutes: Minutes | None = None


class RemoveStep(_Strict):
    """Remove a step (not the only one of its journey)."""

    journey: Id
    step: Id


KINDS: dict[str, type[_Strict]] = {
    "add-integration": AddIntegration,
    "set-mode": SetMode,
    "remove-integration": RemoveIntegration,
    "hold": Hold,
    "merge-systems": MergeSystems,
    "retire-system": RetireSystem,
    "edit-step": EditStep,
    "remove-step": RemoveStep,
}


class Change(_Strict):
    """One change: exactly one of the kinds, with its fields.

    Attributes
    ----------
    add_integration, set_mode, remove_integration, hold, merge_systems, retire_system, edit_step, remove_step
        The change, under its kind; the other kinds are ``None``.
    kind
        The kind given (``"retire-system"``).
    text
        The change in one line, as a change file writes it.

    Examples
    --------
    >>> c = Change.model_validate({"retire-system": {"system": "fax"}})
    >>> c.kind, c.text
    ('retire-system', 'retire-system: {"system": "fax"}')
    """

    add_integration: AddIntegration | None = Field(default=None, alias="add-integration")
    set_mode: SetMode | None = Field(default=None, alias="set-mode")
    remove_integration: RemoveIntegration | None = Field(default=None, alias="remove-integration")
    hold: Hold | None = None
    merge_systems: MergeSystems | None = Field(default=None, alias="merge-systems")
    retire_system: RetireSystem | None = Field(default=None, alias="retire-system")
    edit_step: EditStep | None = Field(default=None, alias="edit-step")
    remove_step: RemoveStep | None = Field(default=None, alias="remove-step")

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        kinds = [k for k in KINDS if getattr(self, k.replace("-", "_")) is not None]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "change_kind",
                "a change is a mapping with exactly one key, the kind of change ({kinds}); got {got}",
                {"kinds": ", ".join(KINDS), "got": ", ".join(kinds) or "none"},
            )
        return self

    @property
    def kind(self) -> str:
        """The kind of change, as written in a change file."""
        return next(k for k in KINDS if getattr(self, k.replace("-", "_")) is not None)

    @property
    def body(self) -> Any:
        """The fields of the change."""
        return getattr(self, self.kind.replace("-", "_"))

    def to_dict(self) -> dict[str, Any]:
        """The change as one entry of a change file (and of ``fixes --json``)."""
        fields = self.body.model_dump(by_alias=True, exclude_none=True)
        return {self.kind: {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}}

    @property
    def systems(self) -> frozenset[str]:
        """The systems the change touches: linked, merged, retired, holding, or set on a step.

        >>> sorted(Change.model_validate({"merge-systems": {"into": "a", "systems": ["a", "b"]}}).systems)
        ['a', 'b']
        """
        body = self.body
        found = {getattr(body, name, None) for name in ("source", "target", "system", "into")}
        found.update(getattr(body, "systems", None) or ())
        return frozenset(s for s in found if s is not None)

    @property
    def text(self) -> str:
        """One line that names the change exactly; fixes with equal effects are ordered by it."""
        return f"{self.kind}: {json.dumps(self.to_dict()[self.kind], ensure_ascii=False)}"


class ChangeFile(_Strict):
    """A change file: its version, an optional name, and the changes in the order they apply."""

    silomap_changes: Annotated[int, Field(strict=True, ge=1, le=1)] = Field(alias="silomap-changes")
    name: Name | None = None
    changes: tuple[Change, ...] = Field(min_length=1)
