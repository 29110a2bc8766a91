"""The landscape view as DOT: systems in groups, integrations labelled with what they carry.

Node ids are ``system:<id>`` (``group:<key>`` when collapsed); model text
only reaches labels through :func:`silomap._diagrams.dot.quote`. Output
order follows the model, so the DOT is byte-identical for the same model.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .._errors import ToolError, UsageError
from .._metrics import Analysis
from .._model import Model, System
from .._text import plural
from .canvas import start
from .clusters import Choice, choose
from .dot import Dot
from .grouping import Groups, collapsed, group_systems, lines
from .labels import fold, wrap
from .links import Link, key_rows, label_node, link_edges, pair_links, title_node
from .styles import EDGE_BY_MODE, LANE, LIFECYCLE_WORDS, OVERLAY, SYSTEM, lifecycle_style

__all__ = [
    "ACROSS",
    "DOWN",
    "KEYS",
    "OVERLAYS",
    "Layout",
    "draw_systems",
    "finish",
    "landscape_view",
    "start_landscape",
]

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
    "domain": "systems of one domain (a domain- tag)",
    "cluster": "a cluster: systems integrated more with each other than with the rest",
    "group": "a group of systems",
    "area": "an area: groups integrated more with each other than with the rest",
    "domain-area": "an area: the groups of one domain (a domain- tag)",
    "group-link": "integrations between two groups: the label counts them (and the manual ones)",
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


@dataclass(frozen=True)
class Layout:
    """How a drawing is laid out: ``rankdir`` (``TB`` or ``LR``), its unconnected parts packed
    into an array (``pack``), its labels as numbers listed in the legend (``keyed``)."""

    rankdir: str = "TB"
    pack: bool = False
    keyed: bool = False


DOWN, ACROSS = Layout(), Layout("LR")  # the whole landscape top to bottom; a group left to right


def landscape_view(
    model: Model,
    analysis: Analysis,
    group_by: str = "auto",
    overlay: str | None = None,
    expand: bool | None = None,
    layout: Layout = DOWN,
    page: str | None = None,
) -> Dot:
    """Systems grouped by owner team (or kind, domain, cluster), integrations labelled with what
    they carry; past 40 systems, one box per group (:func:`.overview.overview_view`).

    Manual integrations are bold red "swivel chairs"; isolated systems are
    dashed; systems holding unsynced copies are orange and say which data.
    ``overlay="questions"`` shades each system by how many customer
    questions need it in their cover.
    """
    if overlay is not None and overlay not in OVERLAYS:
        raise UsageError(f"{{param}} must be questions, not {overlay!r}", param="overlay")
    if collapsed(model, expand):
        from .overview import overview_view  # the overview draws groups; it imports this module

        return overview_view(model, group_by, layout, page)
    if len(model.systems) > MAX_NODES or len(model.integrations) > MAX_EDGES:
        raise ToolError(
            f"the diagram would have {len(model.systems):,} systems and "
            f"{len(model.integrations):,} integrations (limits {MAX_NODES:,} and {MAX_EDGES:,}); "
            "leave out {expand} to see groups",
            code="SM040",
            mentions=("expand",),
        )
    choice = choose(model, group_by, split=False)
    groups = group_systems(model, choice.by)
    dot = start_landscape(f"landscape: {model.name}", f"{model.name}: system landscape", choice, layout)
    links = pair_links(lines(model))
    draw_systems(dot, analysis, groups, choice.by, overlay, links=links, keyed=layout.keyed)
    names = {f"system:{s.id}": s.label for s in model.systems}
    return finish(dot, links, names, layout)


def start_landscape(name: str, title: str, choice: Choice, layout: Layout) -> Dot:
    """A landscape drawing's frame; its title says why the grouping asked for is not drawn."""
    label = f"{title}\n({choice.note})" if choice.note else title
    graph: dict[str, str | int | float] = {**_WHOLE, "rankdir": layout.rankdir}
    if layout.pack:
        graph |= {"pack": "true", "packmode": "array"}
    return start(name, **graph, label=label, labelloc="t")


def finish(dot: Dot, links: list[Link], names: dict[str, str], layout: Layout, modes: bool = True) -> Dot:
    """The lines of ``links`` (their label nodes drawn already inside groups, the others here), then
    the legend: the modes drawn (with ``modes``), and each number's data when the labels are ``keyed``."""
    drawn = {line.strip().split(" ", 1)[0] for line in dot.lines}
    for n, link in enumerate(links, start=1):
        if f'"label:{n}"' not in drawn:
            label_node(dot, n, link, layout.keyed)
    for n, link in enumerate(links, start=1):
        link_edges(dot, n, link)
    used = {line.mode for link in links for line in link.lines} if modes else set()
    for mode in (m for m in ("realtime", "batch", "file", "manual") if m in used):
        dot.key("line", KEYS[mode], EDGE_BY_MODE[mode])
    order_legend(dot)
    if layout.keyed:
        dot.legend.extend(key_rows(links, names))
    return dot


# how the whole landscape is laid out (in the order Graphviz is given them)
_WHOLE: dict[str, str | int | float] = {"rankdir": "TB", "nodesep": 0.25, "ranksep": 0.5, "compound": "true"}


def order_legend(dot: Dot) -> None:
    """The legend in :data:`KEYS` order; the overlay's shades after, as added."""
    order = list(KEYS.values())
    dot.legend.sort(key=lambda k: order.index(k.text) if k.text in order else len(order))


def draw_systems(
    dot: Dot,
    analysis: Analysis,
    groups: Groups,
    group_by: str,
    overlay: str | None,
    extra: dict[str, str] | None = None,
    links: list[Link] = (),  # type: ignore[assignment]
    keyed: bool = False,
) -> None:
    """The systems in their groups' boxes (none for ``none``), each box with its title as a node
    and the label nodes of the links inside it."""
    unsynced: dict[str, list[str]] = defaultdict(list)
    for entity in analysis.entities:
        if entity.unsynced:
            for holder in entity.holders:
                unsynced[holder].append(entity.id)
    need: Counter[str] = Counter(s for q in analysis.questions for s in q.cover)
    boxed = group_by != "none"
    for key, members in groups.members.items():
        if boxed:
            dot.open(f"cluster_{group_by}:{key}", label="", **LANE["team"])
            title_node(dot, key, groups.titles[key])
        for system in members:
            _system(dot, system, analysis, unsynced, need, overlay, (extra or {}).get(system.id))
        inside = {f"system:{s.id}" for s in members}
        for n, link in enumerate(links, start=1):
            if boxed and link.source in inside and link.target in inside:
                label_node(dot, n, link, keyed)
        if boxed:
            dot.close()
    if boxed:
        dot.key("box", KEYS[group_by], LANE["team"])
    if overlay == "questions":
        for count, fill in enumerate(OVERLAY):
            last = count == len(OVERLAY) - 1
            words = f"{count}+ customer questions" if last else plural(count, "customer question")
            dot.key("box", f"needed by {words}", {**SYSTEM["normal"], "fillcolor": fill})


def _system(
    dot: Dot,
    system: System,
    analysis: Analysis,
    unsynced: dict[str, list[str]],
    need: Counter[str],
    overlay: str | None,
    extra: str | None,
) -> None:
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
    if extra:
        label += "\n" + wrap(extra, 30)
    dot.node(f"system:{system.id}", label=label, tooltip=system.id, **attrs)
    if overlay != "questions" or style != "normal":
        dot.key("box", KEYS[style], SYSTEM[style])
