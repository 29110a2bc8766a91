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
from .._text import plural
from .canvas import start
from .dot import Dot
from .grouping import Groups, Line, collapsed, group_links, group_systems, line_label, lines
from .labels import fold, wrap
from .styles import EDGE_BY_MODE, LANE, LIFECYCLE_WORDS, OVERLAY, SYSTEM, lifecycle_style

__all__ = ["KEYS", "OVERLAYS", "group_view", "landscape_view"]

OVERLAYS = ("questions",)
MAX_NODES, MAX_EDGES = 2_000, 10_000  # never handed to Graphviz, even when asked to expand
KEYS = {  # the legend: only what a drawing uses, in this order
    "realtime": "realtime integration",
    "batch": "batch integration",
    "file": "file transfer",
    "manual": "manual: people copy by hand",
    "normal": "system",
    "unsynced": "system holding an unsynced copy of data",
    "isolated": "isolated system: no automated integration",
    "spreadsheet": "spreadsheet",
    "planned": "planned system: not in use yet",
    "phasing-out": "system phasing out: being replaced",
    "retired": "retired system: replaced, still in the landscape",
    "owner": "systems of one owner team",
    "kind": "systems of one kind",
    "group": "a group of systems",
    "group-link": "integrations between two groups: the label counts them",
    "group-manual": "integrations between two groups, mostly manual",
}


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
            "leave out {expand} to see groups",
            code="SM040",
            mentions=("expand",),
        )
    dot = start(f"landscape: {model.name}", **_WHOLE, label=f"{model.name}: system landscape", labelloc="t")
    if collapse:
        return _collapsed(dot, model, groups)
    _systems(dot, analysis, groups, group_by, overlay)
    _lines(dot, lines(model))
    _order(dot)
    return dot


# how the whole landscape and one group are laid out (in the order Graphviz is given them)
_WHOLE: dict[str, str | int | float] = {"rankdir": "TB", "nodesep": 0.4, "ranksep": 0.7, "compound": "true"}
_GROUP: dict[str, str | int | float] = {"rankdir": "LR", "nodesep": 0.3, "ranksep": 0.9}


def _lines(dot: Dot, drawn: list[Line]) -> None:
    for line in drawn:
        dot.edge(
            f"system:{line.source}",
            f"system:{line.target}",
            label=line_label(line),
            **EDGE_BY_MODE[line.mode],
            **({"dir": "both"} if line.both else {}),
        )
        dot.key("line", KEYS[line.mode], EDGE_BY_MODE[line.mode])


def group_view(model: Model, analysis: Analysis, group_by: str, key: str) -> Dot:
    """One group of the landscape drawn whole: its systems and the integrations between them; each
    box names the other groups that system integrates with, and how many lines go to each.

    How a big landscape is read after its overview (one box per group).
    """
    groups = group_systems(model, group_by)
    if key not in groups.members:
        known = ", ".join(list(groups.members)[:10])
        raise UsageError(f"no group {key!r} when grouping by {group_by}; groups: {known}")
    members = groups.members[key]
    if len(members) > MAX_NODES:
        raise ToolError(f"the group has {len(members):,} systems (limit {MAX_NODES:,})", code="SM040")
    title = groups.titles[key]
    # left to right: a group's systems stack down the page rather than run off its right edge
    label = f"{model.name}: {title}, {plural(len(members), 'system')}"
    dot = start(f"group: {key}", **_GROUP, labelloc="t", label=label)
    inside = {s.id for s in members}
    drawn = lines(model)
    outside: dict[str, Counter[str]] = defaultdict(Counter)
    for line in drawn:
        if (line.source in inside) != (line.target in inside):
            here, there = (line.source, line.target) if line.source in inside else (line.target, line.source)
            outside[here][groups.titles[groups.where[there]]] += 1
    notes = {
        system: "links to " + fold([f"{name} ({n})" for name, n in counts.most_common()], 2)
        for system, counts in outside.items()
    }
    _systems(dot, analysis, Groups({key: members}, {key: title}, {}), group_by, None, notes)
    _lines(dot, [line for line in drawn if line.source in inside and line.target in inside])
    _order(dot)
    return dot


def _order(dot: Dot) -> None:
    """The legend in :data:`KEYS` order; the overlay's shades after, as added."""
    order = list(KEYS.values())
    dot.legend.sort(key=lambda k: order.index(k.text) if k.text in order else len(order))


def _systems(
    dot: Dot,
    analysis: Analysis,
    groups: Groups,
    group_by: str,
    overlay: str | None,
    extra: dict[str, str] | None = None,
) -> None:
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
            if system.lifecycle in LIFECYCLE_WORDS:
                attrs = lifecycle_style(attrs, system.lifecycle)
                label += f"\n({LIFECYCLE_WORDS[system.lifecycle]})"
                dot.key("box", KEYS[system.lifecycle], lifecycle_style(SYSTEM["normal"], system.lifecycle))
            if extra and system.id in extra:
                label += "\n" + wrap(extra[system.id], 30)
            dot.node(f"system:{system.id}", label=label, tooltip=system.id, **attrs)
            if overlay != "questions" or style != "normal":
                dot.key("box", KEYS[style], SYSTEM[style])
        dot.close()
    dot.key("box", KEYS[group_by], LANE["team"])
    if overlay == "questions":
        for count, fill in enumerate(OVERLAY):
            last = count == len(OVERLAY) - 1
            words = f"{count}+ customer questions" if last else plural(count, "customer question")
            dot.key("box", f"needed by {words}", {**SYSTEM["normal"], "fillcolor": fill})


def _collapsed(dot: Dot, model: Model, groups: Groups) -> Dot:
    links, pairs, inside = group_links(model, groups)
    dot.graph["rankdir"] = "LR"  # tens of group boxes: down the page, not across it
    for key, members in groups.members.items():
        label = f"{groups.titles[key]}\n{len(members)} systems, {inside[key]} integrations inside"
        dot.node(f"group:{key}", label=label, **SYSTEM["group"])
    dot.key("box", KEYS["group"], SYSTEM["group"])
    for link in links:
        label = f"{link.count}, {link.manual} manual" if link.manual else str(link.count)
        style: dict[str, str | int | float] = {
            "dir": "both",
            "arrowhead": "none",
            "arrowtail": "none",
            "penwidth": min(1 + link.count / 5, 6),
            "label": label,
        }
        mostly_manual = 2 * link.manual >= link.count
        if mostly_manual:
            style |= {**EDGE_BY_MODE["manual"], "label": label}
        dot.edge(f"group:{link.a}", f"group:{link.b}", **style)
        kind = "group-manual" if mostly_manual else "group-link"
        dot.key(
            "line", KEYS[kind], {**style, "arrowhead": "none", "penwidth": 2 if kind == "group-link" else 2.5}
        )
    _order(dot)
    left_out = pairs - len(links)
    note = f"; the {left_out:,} weakest of {pairs:,} links between groups are not drawn" if left_out else ""
    dot.graph["label"] = (
        f"{model.name}: {len(model.systems):,} systems in {len(groups.members)} groups, "
        f"line labels count integrations (collapsed; use --expand to show every system){note}"
    )
    return dot
