"""The change file, version 1, as frozen pydantic models (``docs/fixes.md``).

A change is a mapping with exactly one key, the kind of change; the value
holds its fields. :class:`Change` has one optional field per row of
``kinds.KINDS`` (``add_integration``, read as ``add-integration``), holding
that kind's model. Changes are data: applying them is :mod:`.apply`'s work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, create_model, model_validator
from pydantic_core import PydanticCustomError

from .._model import Name
from .kinds import KINDS, Kind, Strict

__all__ = ["Change", "ChangeFile", "kind_fields"]


def kind_fields(kinds: Mapping[str, type[Kind]]) -> dict[str, Any]:
    """One optional field per kind, for :func:`pydantic.create_model`: named in Python with
    underscores, in a change file by the kind.

    >>> from silomap._changes.kinds import KINDS
    >>> list(kind_fields(KINDS))[:2]
    ['add_integration', 'set_mode']
    """
    out: dict[str, Any] = {}
    for name, kind in kinds.items():
        out[_field(name)] = (kind | None, Field(default=None, alias=name))
    return out


def _field(kind: str) -> str:
    return kind.replace("-", "_")


if TYPE_CHECKING:  # the fields come from the table, which a type checker does not run
    _Kinds = Strict
else:
    _Kinds = create_model("_Kinds", __base__=Strict, **kind_fields(KINDS))


class Change(_Kinds):
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

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        kinds = [k for k in KINDS if getattr(self, _field(k), None) is not None]
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
        return next(k for k in KINDS if getattr(self, _field(k), None) is not None)

    @property
    def body(self) -> Kind:
        """The fields of the change, as its kind's model: what it does is the kind's."""
        body: Kind = getattr(self, _field(self.kind))
        return body

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
        return self.body.ids("system")

    @property
    def text(self) -> str:
        """One line that names the change exactly; fixes with equal effects are ordered by it."""
        return f"{self.kind}: {json.dumps(self.to_dict()[self.kind], ensure_ascii=False)}"


class ChangeFile(Strict):
    """A change file: its version, an optional name, and the changes in the order they apply."""

    silomap_changes: Annotated[int, Field(strict=True, ge=1, le=1)] = Field(alias="silomap-changes")
    name: Name | None = None
    changes: tuple[Change, ...] = Field(min_length=1)
