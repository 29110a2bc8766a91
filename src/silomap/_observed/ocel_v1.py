"""OCEL 1.0 JSON (``ocel:events`` and ``ocel:objects`` keyed by id) into an :class:`.OcelBuilder`.

OCEL 1.0 relates an event to objects by ``ocel:omap`` (no qualifier) and gives an object's
attributes once (``ocel:ovmap``), so they do not change over time.
"""

from __future__ import annotations

from typing import Any

from .ocel_read import STATIC, OcelBuilder, text_value

__all__ = ["read_v1"]


def _keyed(builder: OcelBuilder, root: dict[str, Any], key: str) -> dict[str, Any]:
    found = root.get(key, {})
    if not isinstance(found, dict):
        builder.fail((key,), f"'{key}' must be an object of ids")
        return {}
    for ident, item in found.items():
        if not isinstance(item, dict):
            builder.fail((key, ident), "expected an object ({...})")
    return {k: v for k, v in found.items() if isinstance(v, dict)}


def _map(builder: OcelBuilder, where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        builder.fail(where, "expected an object of attribute names and values")
        return {}
    return value


def read_v1(builder: OcelBuilder, root: dict[str, Any]) -> None:
    """Hand an OCEL 1.0 document's objects and events to ``builder``."""
    for ident, item in _keyed(builder, root, "ocel:objects").items():
        where = ("ocel:objects", ident)
        values = _map(builder, (*where, "ocel:ovmap"), item.get("ocel:ovmap"))
        builder.obj(where, ident, item.get("ocel:type"), [(k, STATIC, v) for k, v in values.items()])
    for ident, item in _keyed(builder, root, "ocel:events").items():
        where = ("ocel:events", ident)
        values = _map(builder, (*where, "ocel:vmap"), item.get("ocel:vmap"))
        omap = item.get("ocel:omap", [])
        if not isinstance(omap, list) or not all(isinstance(o, str) for o in omap):
            builder.fail((*where, "ocel:omap"), "expected a list of object ids")
            omap = []
        places = (where, (*where, "ocel:activity"), (*where, "ocel:timestamp"))
        attributes = {k: text_value(v) for k, v in values.items()}
        builder.event(places, ident, item.get("ocel:activity"), item.get("ocel:timestamp"), attributes, omap)
