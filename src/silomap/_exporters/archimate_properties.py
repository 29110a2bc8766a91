"""The properties silomap writes on ArchiMate elements: each field the exchange format has no place for.

A property is named ``silomap <field>`` (``silomap kind``, ``silomap volume``, ``silomap x-cost-centre``;
spelled in :mod:`silomap._formats.archimate`, which the importer reads too) and holds text: ids and
words as they are, numbers in their shortest exact form, lists of ids joined by ``", "``, KPIs and
``x-`` values as JSON. A field at its default is not written. Every item
carries ``silomap id``; a name is the element's name, and ``silomap name`` (or ``silomap text``)
is written only where the element's name cannot say it: a name equal to the id, which the
importer would otherwise read as no name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .._formats import archimate as vocab
from .._model import Extensible, Model

__all__ = ["NOT_XML", "Props", "item_props", "model_props", "number"]

Props = Sequence[tuple[str, str]]

# characters XML 1.0 cannot carry at all (a model built in Python may hold them): shown as U+FFFD
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def number(value: float) -> str:
    """A number in its shortest exact form: ``4200`` rather than ``4200.0``.

    >>> number(4200.0), number(2.5), number(1e12), number(0.1)
    ('4200', '2.5', '1000000000000', '0.1')
    """
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, BaseModel):  # KPIs: as the model file writes them
        return _json(value.model_dump(mode="json", exclude_none=True))
    return str(value)


def item_props(item: Extensible, name_field: str = "name") -> list[tuple[str, str]]:
    """An item's properties: ``id``, its name where the element's name cannot say it, its own
    fields that are not at their default, then ``source_id``, ``tags`` and its ``x-`` fields.

    >>> from silomap import Step
    >>> item_props(Step.model_validate({"id": "ask", "actor": "customer", "channel": "web",
    ...                                 "minutes": 2, "tags": ["online"], "x-owner": {"team": "web"}}))
    [('id', 'ask'), ('minutes', '2'), ('tags', 'online'), ('x-owner', '{"team": "web"}')]
    """
    props: list[tuple[str, str]] = []
    ident = getattr(item, "id", None)
    if ident is not None:
        props.append(("id", ident))
        if getattr(item, name_field) == ident:  # the element's name is the id: say it is also the name
            props.append((name_field, ident))
    fields = type(item).model_fields
    for key in vocab.FIELDS.get(type(item).__name__, ()):
        value = getattr(item, key)
        if value != fields[key].default or key == "kind":  # the kind is always said, for other tools
            props.append((key, _value(value)))
    source_id = getattr(item, "source_id", None)
    if source_id is not None:
        props.append(("source_id", source_id))
    if item.tags:
        props.append(("tags", _value(item.tags)))
    props += [(key, _json(value)) for key, value in item.extensions.items()]
    return props


def model_props(model: Model) -> list[tuple[str, str]]:
    """The model's own properties: its format version, its scoring weights (all five, when it has
    any) and its KPIs.

    >>> import silomap
    >>> props = model_props(silomap.load("models/retail-bank"))
    >>> props[0], props[1][1][:40]
    (('format', '1'), '{"nps": {"value": -8.0, "target": 10.0},')
    """
    props: list[tuple[str, str]] = [("format", str(model.silomap))]  # says: silomap wrote this file
    if model.scoring is not None:
        weights = model.scoring.weights
        props += [(f"weight {key}", number(getattr(weights, key))) for key in vocab.WEIGHTS]
    if model.kpis is not None:
        props.append(("kpis", _value(model.kpis)))
    return props
