"""Builders for changes: one typed function per kind of change, for :func:`silomap.whatif` and
:func:`silomap.apply`.

``silomap.changes.add_integration(source="app", target="core", carries=["address"])`` is the
change a change file writes as ``add-integration: {from: app, to: core, carries: [address]}``,
equal to ``silomap.Change.model_validate({"add-integration": {...}})``, without the ``from`` that
Python keeps as a keyword. Each builder's keywords are its kind's fields (``docs/fixes.md``); a
wrong value is a :class:`silomap.UsageError` naming the keyword, before any model is touched.

>>> import silomap
>>> from silomap import changes
>>> model = silomap.load("models/retail-bank")
>>> app = changes.add_integration(source="mobile-backend", target="core-banking", carries=["address"])
>>> silomap.whatif(model, app).delta
-1.1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ._changes import KINDS, Change
from ._errors import UsageError
from ._model import Channel, Mode
from ._text import quote_value

__all__ = [
    "add_integration",
    "edit_step",
    "hold",
    "merge_systems",
    "remove_integration",
    "remove_step",
    "retire_system",
    "set_mode",
]


def _build(kind: str, fields: dict[str, Any]) -> Change:
    """The change of ``kind`` with ``fields`` (by their Python names; ``None`` left out), or every
    mistake at once as one :class:`UsageError` naming the first keyword at fault."""
    model = KINDS[kind]
    keyword = {info.alias or name: name for name, info in model.model_fields.items()}
    given = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items() if v is not None}
    wrong = [k for k, v in given.items() if isinstance(v, str) and _is_list(model, k)]
    if wrong:  # one id where a list goes would be read letter by letter
        raise UsageError(
            f"{kind}: {{param}} must be a list of ids, not {quote_value(given[wrong[0]])}", param=wrong[0]
        )
    try:
        body = model.model_validate(given)
    except ValidationError as err:
        said = [(keyword.get(str(e["loc"][0]), str(e["loc"][0])), e) for e in err.errors()]
        lines = "; ".join(f"{name}{_item(e['loc'])}= {_words(e['msg'])}" for name, e in said)
        raise UsageError(f"{kind}: {lines}", param=said[0][0]) from None
    return Change.model_validate({kind: body})


def _item(loc: tuple[int | str, ...]) -> str:
    """Which item of a list was wrong: ``[1]``; nothing for a field itself."""
    return "".join(f"[{i}]" for i in loc[1:])


def _words(message: str) -> str:
    """pydantic's message as the keyword's: a list is what the user gives where a tuple is kept."""
    said = message.replace("Tuple should", "List should")
    return said[:1].lower() + said[1:]


def _is_list(model: Any, name: str) -> bool:
    return "tuple" in str(model.model_fields[name].annotation)


def add_integration(*, source: str, target: str, carries: Sequence[str], mode: Mode = "realtime") -> Change:
    """Connect two systems: an integration from ``source`` to ``target`` carrying ``carries``.

    Parameters
    ----------
    source, target
        The systems' ids (``from`` and ``to`` in a change file).
    carries
        The ids of the entities it carries; at least one.
    mode
        ``"realtime"`` (the default), ``"batch"``, ``"file"`` or ``"manual"``.

    Returns
    -------
    silomap.Change
        The change, as ``add-integration`` in a change file.

    Raises
    ------
    silomap.UsageError
        A value the kind refuses (an id of capitals, no entity, another mode), naming the keyword.

    Examples
    --------
    >>> add_integration(source="app", target="core", carries=["address"]).text
    'add-integration: {"from": "app", "to": "core", "carries": ["address"], "mode": "realtime"}'
    """
    return _build("add-integration", {"source": source, "target": target, "carries": carries, "mode": mode})


def set_mode(*, source: str, target: str, mode: Mode) -> Change:
    """Set the mode of every integration from ``source`` to ``target``.

    Parameters
    ----------
    source, target
        The systems' ids (``from`` and ``to`` in a change file).
    mode
        ``"realtime"``, ``"batch"``, ``"file"`` or ``"manual"``.

    Returns
    -------
    silomap.Change
        The change, as ``set-mode`` in a change file.

    Raises
    ------
    silomap.UsageError
        A value the kind refuses, naming the keyword.

    Examples
    --------
    >>> set_mode(source="app", target="core", mode="weekly")
    Traceback (most recent call last):
    ...
    silomap.UsageError: set-mode: mode= input should be 'realtime', 'batch', 'file' or 'manual'
    """
    return _build("set-mode", {"source": source, "target": target, "mode": mode})


def remove_integration(*, source: str, target: str) -> Change:
    """Remove every integration from ``source`` to ``target``.

    Parameters
    ----------
    source, target
        The systems' ids (``from`` and ``to`` in a change file).

    Returns
    -------
    silomap.Change
        The change, as ``remove-integration`` in a change file.

    Raises
    ------
    silomap.UsageError
        An id the kind refuses, naming the keyword.

    Examples
    --------
    >>> remove_integration(source="app", target="core").kind
    'remove-integration'
    """
    return _build("remove-integration", {"source": source, "target": target})


def hold(*, system: str, entities: Sequence[str]) -> Change:
    """Add entities to what a system holds.

    Parameters
    ----------
    system
        The system's id.
    entities
        The entities' ids; at least one.

    Returns
    -------
    silomap.Change
        The change, as ``hold`` in a change file.

    Raises
    ------
    silomap.UsageError
        One id where a list goes, an empty list, an id the kind refuses, naming the keyword.

    Examples
    --------
    >>> hold(system="core", entities="address")
    Traceback (most recent call last):
    ...
    silomap.UsageError: hold: entities= must be a list of ids, not 'address'
    """
    return _build("hold", {"system": system, "entities": entities})


def merge_systems(*, into: str, systems: Sequence[str]) -> Change:
    """Merge systems into one: what names them moves to ``into``, which holds and serves their union.

    Parameters
    ----------
    into
        The system that stays.
    systems
        The systems merged into it; at least one.

    Returns
    -------
    silomap.Change
        The change, as ``merge-systems`` in a change file.

    Raises
    ------
    silomap.UsageError
        A value the kind refuses, naming the keyword.

    Examples
    --------
    >>> sorted(merge_systems(into="crm", systems=["crm-harbor"]).systems)
    ['crm', 'crm-harbor']
    """
    return _build("merge-systems", {"into": into, "systems": systems})


def retire_system(*, system: str) -> Change:
    """Remove a system, its integrations and its place in every step.

    Parameters
    ----------
    system
        The system's id.

    Returns
    -------
    silomap.Change
        The change, as ``retire-system`` in a change file.

    Raises
    ------
    silomap.UsageError
        An id the kind refuses, naming the keyword.

    Examples
    --------
    >>> retire_system(system="fax").to_dict()
    {'retire-system': {'system': 'fax'}}
    """
    return _build("retire-system", {"system": system})


def edit_step(
    *,
    journey: str,
    step: str,
    actor: str | None = None,
    channel: Channel | None = None,
    systems: Sequence[str] | None = None,
    captures: Sequence[str] | None = None,
    reads: Sequence[str] | None = None,
    answers: Sequence[str] | None = None,
    minutes: float | None = None,
) -> Change:
    """Replace some fields of a step; a field left ``None`` stays as it is.

    Parameters
    ----------
    journey, step
        The step's journey and its id.
    actor, channel, systems, captures, reads, answers, minutes
        The new values, as a model's step writes them.

    Returns
    -------
    silomap.Change
        The change, as ``edit-step`` in a change file.

    Raises
    ------
    silomap.UsageError
        A value the kind refuses (a channel it does not know, negative minutes), naming the keyword.

    Examples
    --------
    >>> edit_step(journey="move-house", step="update-address", captures=[]).to_dict()
    {'edit-step': {'journey': 'move-house', 'step': 'update-address', 'captures': []}}
    """
    edits: dict[str, object] = {"actor": actor, "channel": channel, "systems": systems, "captures": captures}
    edits |= {"reads": reads, "answers": answers, "minutes": minutes}
    return _build("edit-step", {"journey": journey, "step": step, **edits})


def remove_step(*, journey: str, step: str) -> Change:
    """Remove a step (not the only one of its journey).

    Parameters
    ----------
    journey, step
        The step's journey and its id.

    Returns
    -------
    silomap.Change
        The change, as ``remove-step`` in a change file.

    Raises
    ------
    silomap.UsageError
        An id the kind refuses, naming the keyword.

    Examples
    --------
    >>> remove_step(journey="move-house", step="confirm").kind
    'remove-step'
    """
    return _build("remove-step", {"journey": journey, "step": step})
