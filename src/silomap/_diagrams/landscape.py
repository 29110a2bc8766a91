"""The landscape view as DOT: systems in groups, integrations labelled with what they carry.

Node ids are ``system:<id>`` (``group:<key>`` when collapsed); model text
only reaches labels through :func:`silomap._diagrams.dot.quote`. Output
order follows the model, so the DOT is byte-identical for the same model.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .._errors import ToolError, UsageError
from .._metrics import Analysis
from .._model import Model, System
from .canvas import legend, start
from .dot import Dot
from .grouping import Groups, collapsed, group_links, group_systems
from .labels import fold, plural, wrap
from .styles import EDGE_BY_MODE, LANE, OVERLAY, SYSTEM

__all__ = ["OVERLAYS", "landscape_view"]

OVERLAYS = ("questions",)
MAX_NODES, MAX_EDGES = 2_000, 10_000  # never handed to Graphviz, even when asked to expand


def _system_style(system: System, analysis: Analysis, unsynced: dict[str, list[str]]) -> tuple[str, str]:
    notes = []
    if system.id in analysis.isolated:
        style = "isolated"
        notes.append("isolated")
    elif system.id in unsynced:
        style = "unsynced"
        notes.append("unsynced: " + fold(unsynced[system.id], 2))
    elif system.kind == "spreadsheet":
        style = "spreadsheet"
    else:
        style = "normal"
    return style, "\n".join(notes)


def landscape_view(
    model: Model,
    analysis: Analysis,
    group_by: str = "owner",
    overlay: str | None = None,
    expand: bool | None = None,
) -> Dot:
    """Systems grouped by owner team (or kind), integrations labelled with what they carry.

    Manual integrations are bold red "swivel chairs"; isolated systems are
    dashed; systems holding unsynced copies are orange and say which data.
    ``overlay="questions"`` shades each system by how many customer
    questions need it in their cover. With 300 or more systems, or 1,500
    systems and integrations together, the view shows one box per group
    unless ``expand=True``.
    """
    groups = group_systems(model, group_by)
    if overlay is not None and overlay not in OVERLAYS:
        raise UsageError(f"{{param}} must be questions, not {overlay!r}", param="overlay")
    collapse = collapsed(model, expand)
    if not collapse and (len(model.systems) > MAX_NODES or len(model.integrations) > MAX_EDGES):
        raise ToolError(
            f"the diagram would have {len(model.systems):,} systems and "
            f"{len(model.integrations):,} integrations (limits {MAX_NODES:,} and {MAX_EDGES:,}); "
            "leave out --expand to see groups",
            code="SM040",
        )
    dot = start(f"landscape: {model.name}", rankdir="LR", nodesep=0.35, ranksep=0.9, compound="true",
                label=f"{model.name}: system landscape", labelloc="t")  # fmt: skip
    if collapse:
        return _collapsed(dot, model, groups)
    _systems(dot, analysis, groups, group_by, overlay)
    for link in model.integrations:
        prefix = "manual: " if link.mode == "manual" else ""
        mode = "" if link.mode in ("realtime", "manual") else f" ({link.mode})"
        dot.edge(f"system:{link.source}", f"system:{link.target}",
                 label=prefix + fold(link.carries) + mode, **EDGE_BY_MODE[link.mode])  # fmt: skip
    legend(dot, [
        ("realtime", "realtime", EDGE_BY_MODE["realtime"]),
        ("batch", "batch", EDGE_BY_MODE["batch"]),
        ("file", "file", EDGE_BY_MODE["file"]),
        ("manual", "manual (people copy by hand)", EDGE_BY_MODE["manual"]),
    ])  # fmt: skip
    return dot


def _systems(dot: Dot, analysis: Analysis, groups: Groups, group_by: str, overlay: str | None) -> None:
    unsynced: dict[str, list[str]] = defaultdict(list)
    for entity in analysis.entities:
        if entity.unsynced:
            for holder in entity.holders:
                unsynced[holder].append(entity.id)
    need: Counter[str] = Counter(s for q in analysis.questions for s in q.cover)
    for key, members in groups.members.items():
        dot.open(f"cluster_{group_by}:{key}", label=groups.titles[key], **LANE["team"])
        for system in members:
            style, notes = _system_style(system, analysis, unsynced)
            attrs: dict[str, str | int | float] = dict(SYSTEM[style])
            label = wrap(system.label, 22) + f"\n[{system.kind}]"
            if overlay == "questions":
                count = need[system.id]
                attrs["fillcolor"] = OVERLAY[min(count, len(OVERLAY) - 1)]
                label += f"\nneeded by {plural(count, 'question')}"
            if notes:
                label += "\n" + notes
            dot.node(f"system:{system.id}", label=label, tooltip=system.id, **attrs)
        dot.close()


def _collapsed(dot: Dot, model: Model, groups: Groups) -> Dot:
    links, pairs, inside = group_links(model, groups)
    for key, members in groups.members.items():
        label = f"{groups.titles[key]}\n{len(members)} systems, {inside[key]} integrations inside"
        dot.node(f"group:{key}", label=label, **SYSTEM["group"])
    for link in links:
        label = f"{link.count}, {link.manual} manual" if link.manual else str(link.count)
        style: dict[str, str | int | float] = {"dir": "both", "arrowhead": "none", "arrowtail": "none",
                                               "penwidth": min(1 + link.count / 5, 6),
                                               "label": label}  # fmt: skip
        if 2 * link.manual >= link.count:
            style |= {**EDGE_BY_MODE["manual"], "label": label}
        dot.edge(f"group:{link.a}", f"group:{link.b}", **style)
    left_out = pairs - len(links)
    note = f"; the {left_out:,} weakest of {pairs:,} links between groups are not drawn" if left_out else ""
    dot.graph["label"] = (
        f"{model.name}: {len(model.systems):,} systems in {len(groups.members)} groups, "
        f"line labels count integrations (collapsed; use --expand to show every system){note}"
    )
    return dot
