"""What every item of the format shares: strict and frozen, an id and a name, tags and ``x-`` fields.

Extension fields (``experience.md``): any item may carry ``tags`` (ids) and
any number of keys starting with ``x-``, whose values silomap keeps and never
reads. The ``x-`` keys are taken out before pydantic checks the item, so an
unknown key *without* ``x-`` still fails as ``extra_forbidden`` at its own
place, with its "did you mean"; they are kept in a private attribute and
written back when the item is dumped, so a model round-trips.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

__all__ = ["EXTENSION_PREFIX", "ID_PATTERN", "Extensible", "Id", "Name", "Named", "Strict", "Text"]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
EXTENSION_PREFIX = "x-"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Lower-case id: letters a-z, digits, '.', '_' or '-'; at most 64."),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=10_000)]


class Strict(BaseModel):
    """Frozen, and every key not declared is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Extensible(Strict):
    """An item that may carry ``tags`` and ``x-`` extension fields.

    >>> from silomap import System
    >>> s = System.model_validate({"id": "crm", "tags": ["sales"], "x-cost-centre": 4711})
    >>> s.tags, dict(s.extensions)
    (('sales',), {'x-cost-centre': 4711})
    >>> s.model_dump(exclude_defaults=True)
    {'id': 'crm', 'tags': ('sales',), 'x-cost-centre': 4711}
    """

    model_config = ConfigDict(json_schema_extra={"patternProperties": {f"^{EXTENSION_PREFIX}": {}}})

    tags: tuple[Id, ...] = Field(
        default=(), description="Free labels (ids); shown in the report, read by no figure."
    )

    # The x- fields are kept as pydantic keeps private attributes, but only on an item that has some:
    # a declared private attribute is set up on every item, three times over for a System, and so
    # cost a third of validating a model of 150,000 integrations.
    @property
    def extensions(self) -> Mapping[str, Any]:
        """The item's ``x-`` fields, read-only, in the order written."""
        private = self.__pydantic_private__
        return MappingProxyType(private.get(_EXTENSIONS, {}) if private else {})

    @model_validator(mode="wrap")
    @classmethod
    def _take_extensions(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if not isinstance(data, dict) or not any(
            isinstance(k, str) and k.startswith(EXTENSION_PREFIX) for k in data
        ):
            return handler(data)
        found = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith(EXTENSION_PREFIX)}
        item = handler({k: v for k, v in data.items() if k not in found})
        object.__setattr__(item, "__pydantic_private__", {_EXTENSIONS: found})
        return item

    @model_serializer(mode="wrap")
    def _put_extensions(self, handler: SerializerFunctionWrapHandler) -> Any:
        out = handler(self)
        if isinstance(out, dict):
            if "tags" in out:  # declared on the base class, written after the item's own fields
                out["tags"] = out.pop("tags")
            out.update(self.extensions)
        return out


_EXTENSIONS = "_extensions"


class Named(Extensible):
    """An item with an id and an optional name; ``label`` is what people read."""

    id: Id
    name: Name | None = None

    @property
    def label(self) -> str:
        """The name, or the id when there is no name."""
        return self.name or self.id
