"""The exporters, declared once: ``silomap export`` and :func:`silomap.export` read this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .._errors import UsageError
from .._model import Model, need, need_model, require_valid
from .archimate import archimate_xml
from .calm import calm_json
from .structurizr import structurizr_dsl

__all__ = ["EXPORTERS", "Exporter", "export"]


@dataclass(frozen=True)
class Exporter:
    """One format silomap writes: its name, what it writes, the file suffix and the writer."""

    name: str
    writes: str
    suffix: str
    write: Callable[[Model], bytes]


EXPORTERS: dict[str, Exporter] = {
    "archimate": Exporter("archimate", "the Open Group ArchiMate exchange format 3.1", ".xml", archimate_xml),
    "structurizr": Exporter("structurizr", "a Structurizr DSL workspace", ".dsl", structurizr_dsl),
    "calm": Exporter("calm", "a FINOS CALM 1.2 architecture with flows", ".json", calm_json),
}


def export(model: Model, target: str) -> bytes:
    """A model written for another tool: ``archimate`` (exchange format XML), ``structurizr`` (DSL) or
    ``calm`` (a FINOS CALM architecture, JSON).
    An invalid model is refused with its problems (:class:`ModelError`), as :func:`analyze` does.

    Parameters
    ----------
    model
        A valid model.
    target
        The format: ``archimate``, ``structurizr`` or ``calm``.

    Returns
    -------
    bytes
        The file's content, UTF-8.

    Raises
    ------
    silomap.UsageError
        An unknown ``target``, or a ``model`` that is not a :class:`silomap.Model`.
    silomap.ModelError
        The model is invalid.

    Examples
    --------
    >>> import silomap
    >>> silomap.export(silomap.load("models/telecom"), "structurizr")[:9]
    b'workspace'
    """
    need_model(model)
    need(target, str, "target", f"one of {', '.join(EXPORTERS)}")
    exporter = EXPORTERS.get(target)
    if exporter is None:
        raise UsageError(f"{{param}} must be one of {', '.join(EXPORTERS)}, not {target!r}", param="target")
    return exporter.write(require_valid(model))
