"""A landscape too big for one drawing: the overview (one box per group, one line per pair of
groups) and one drawing per group (its systems, and a stub for each group it integrates with).

Lines between groups are counted and weighted: the label says how many integrations run between
the two groups and how many of them are manual; the pen is wider the more kinds of data they
carry (1 point, and a point more for each three, up to 6), and the legend says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .._errors import ToolError, UsageError
from .._metrics import Analysis
from .._model import Model
from .._text import plural
from .clusters import GROUP_MAX, GROUP_MAX_ON, Choice, choose
from .dot import Dot
from .grouping import GroupLink, Groups, Line, collapsed, group_links, group_systems, lines
from .landscape import (
    ACROSS,
    DOWN,
    KEYS,
    MAX_NODES,
    Layout,
    draw_systems,
    finish,
    order_legend,
    start_landscape,
)
from .links import Link, carried, pair_links
from .styles import SYSTEM

__all__ = ["boxes_view", "group_keys", "group_view", "grouping", "layered", "overview_view", "pen"]

AREA_STUB = "another area (a stub: its lines from this area's groups)"
PEN_KEY = "the wider the line, the more kinds of data it carries (9 kinds: 4 points)"
STUB: dict[str, str | int | float] = {
    "shape": "box",
    "style": "rounded,dashed",
    "color": "#7b8794",
    "fontcolor": "#52606d",
}


def pen(kinds: int) -> float:
    """The pen width of a line between groups carrying ``kinds`` kinds of data.

    >>> pen(1), pen(6), pen(40)
    (1.33, 3.0, 6.0)
    """
    return round(min(1 + kinds / 3, 6.0), 2)


def grouping(
    model: Model, group_by: str, expand: bool | None = None, page: str | None = None
) -> tuple[Choice, Groups]:
    """The grouping a landscape is drawn with (split or not, as :func:`collapsed` says), and its
    groups: for a ``page``, clusters small enough to read on it (:data:`.clusters.GROUP_MAX_ON`)."""
    most = GROUP_MAX_ON.get(page or "", GROUP_MAX)
    choice = choose(model, group_by, split=collapsed(model, expand), most=most)
    return choice, group_systems(model, choice.by, most)


def group_keys(model: Model, group_by: str) -> list[str]:
    """The groups of a split landscape, as the overview draws them (``--view group --group``)."""
    return list(grouping(model, group_by, expand=False)[1].members)


def _data(model: Model, groups: Groups) -> dict[frozenset[str], list[str]]:
    """The data carried between each pair of groups, in model order, once each."""
    found: dict[frozenset[str], dict[str, None]] = defaultdict(dict)
    for link in model.integrations:
        pair = frozenset((groups.where[link.source], groups.where[link.target]))
        if len(pair) == 2:
            found[pair] |= dict.fromkeys(link.carries)
    return {pair: list(data) for pair, data in found.items()}


def layered(links: list[GroupLink], keys: list[str]) -> list[GroupLink]:
    """The links between groups each pointed from the group of the lower colour to the higher (a
    greedy colouring of the groups, no two linked groups alike): the longest chain of lines, which
    sets how many layers Graphviz draws, is one less than the colours.

    >>> chain = [GroupLink("a", "b", 1, 0), GroupLink("b", "c", 1, 0), GroupLink("c", "d", 1, 0)]
    >>> [(link.a, link.b) for link in layered(chain, ["a", "b", "c", "d"])]
    [('b', 'a'), ('b', 'c'), ('d', 'c')]
    """
    place = {key: n for n, key in enumerate(keys)}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(keys)))
    graph.add_edges_from((place[link.a], place[link.b]) for link in links)
    colour = nx.greedy_color(graph, strategy="saturation_largest_first")
    out = []
    for link in links:
        up = (colour[place[link.a]], place[link.a]) > (colour[place[link.b]], place[link.b])
        out.append(GroupLink(link.b, link.a, link.count, link.manual) if up else link)
    return out


def overview_view(model: Model, group_by: str, layout: Layout = DOWN, page: str | None = None) -> Dot:
    """One box per group, one line per pair of groups (at most two a group, the strongest)."""
    choice, groups = grouping(model, group_by, False, page)
    title = f"{model.name}: {len(model.systems):,} systems in {len(groups.members)} groups by {choice.by}"
    return boxes_view(model, groups, title, choice, layout)


def boxes_view(
    model: Model,
    groups: Groups,
    title: str,
    choice: Choice,
    layout: Layout,
    stubs: frozenset[str] = frozenset(),
    kind: str = "group",
) -> Dot:
    """One box per group of ``groups`` (those of ``stubs`` dashed: other areas, drawn with their
    lines to this drawing's groups only), one line per pair of groups (at most two a group);
    ``kind``: what a box is (``group`` or ``area``), for the legend and the title."""
    dot = start_landscape(f"landscape: {model.name}", title, choice, layout)
    # boxes and short labels: closer than systems; an area's few boxes, its labels two sizes apart
    dot.graph |= {"nodesep": 0.3 if stubs else 0.15, "ranksep": 0.35}
    links, pairs, inside = group_links(model, groups, apart=stubs)
    links = layered(links, list(groups.members))
    data = _data(model, groups)
    for key, members in groups.members.items():
        if key in stubs:
            dot.node(f"group:{key}", label=f"to {groups.titles[key]}", tooltip=key, **STUB)
            dot.key("box", AREA_STUB, STUB)
            continue
        counts = f"{plural(len(members), 'system')}, {plural(inside[key], 'integration')} inside"
        dot.node(f"group:{key}", label=f"{groups.titles[key]}\n{counts}", tooltip=key, **SYSTEM["group"])
        dot.key("box", KEYS[kind], SYSTEM["group"])
    drawn = [_group_link(dot, link, tuple(data[frozenset((link.a, link.b))])) for link in links]
    if drawn:
        dot.key("line", PEN_KEY, {"color": "#7b8794", "arrowhead": "none", "penwidth": 4})
    finish(dot, drawn, {f"group:{k}": t for k, t in groups.titles.items()}, layout, modes=False)
    order_legend(dot)
    if pairs > len(links):
        dot.graph["label"] = (
            f"{dot.graph['label']}\n"
            f"the {pairs - len(links):,} weakest of {pairs:,} links between {kind}s are not drawn"
        )
    return dot


def _group_link(dot: Dot, link: GroupLink, carries: tuple[str, ...]) -> Link:
    """The line between two groups: labelled with its count (and the manual ones), red when mostly
    manual, its pen as wide as :func:`pen` says; its legend entry added."""
    manual = 2 * link.manual >= link.count
    words = str(link.count) + (f" ({link.manual} manual)" if link.manual else "")
    line = Line(link.a, link.b, "manual" if manual else "realtime", carries, False)
    style = (("penwidth", pen(len(carries))), ("arrowhead", "none"))
    kind = "group-manual" if manual else "group-link"
    dot.key(
        "line", KEYS[kind], {"color": "#b42318" if manual else "#7b8794", "arrowhead": "none", "penwidth": 2}
    )
    return Link(f"group:{link.a}", f"group:{link.b}", (line,), words, style)


def group_view(
    model: Model,
    analysis: Analysis,
    group_by: str,
    key: str,
    layout: Layout = ACROSS,
    page: str | None = None,
    part: tuple[str, ...] = (),
) -> Dot:
    """One group of the landscape drawn whole: its systems and the integrations between them, and a
    dashed stub for each other group they integrate with, the line labelled with the data.

    How a big landscape is read after its overview (one box per group). ``part``: only these of
    its systems (a group too big for a page, cut in two); the rest of the group is a stub too.
    """
    choice, groups = grouping(model, group_by, False, page)
    if key not in groups.members:
        known = ", ".join(list(groups.members)[:10])
        raise UsageError(f"no group {key!r} when grouping by {choice.by}; groups: {known}")
    members = [s for s in groups.members[key] if not part or s.id in part]
    if len(members) > MAX_NODES:
        raise ToolError(f"the group has {len(members):,} systems (limit {MAX_NODES:,})", code="SM040")
    title = f"{model.name}: {groups.titles[key]}, {plural(len(members), 'system')}"
    if part:
        title += f" of {len(groups.members[key])}"
    dot = start_landscape(f"group: {key}", title, choice, layout)
    here = {s.id for s in members}
    drawn = lines(model)
    links = pair_links([line for line in drawn if line.source in here and line.target in here])
    draw_systems(dot, analysis, Groups({key: members}, {key: groups.titles[key]}, {}), "none", None)
    out: dict[tuple[str, str], list[Line]] = defaultdict(list)
    for line in drawn:
        if (line.source in here) != (line.target in here):
            mine, other = (line.source, line.target) if line.source in here else (line.target, line.source)
            out[(mine, groups.where[other])].append(line)
    stubs: Counter[str] = Counter()
    for (mine, other), found in out.items():
        stubs[other] += 1
        links.append(_stub_link(mine, other, found))
    for other in stubs:
        rest = " (its other systems)" if other == key else ""
        dot.node(f"stub:{other}", label=f"to {groups.titles[other]}{rest}", tooltip=other, **STUB)
    if stubs:
        dot.key("box", "another group (a stub: its lines from this group)", STUB)
    names = {f"system:{s.id}": s.label for s in members} | {f"stub:{o}": groups.titles[o] for o in stubs}
    return finish(dot, links, names, layout)


def _stub_link(mine: str, other: str, found: list[Line]) -> Link:
    """The line from system ``mine`` to the stub of group ``other``: labelled with the data, the
    first mode of ``found`` (realtime, batch, file, manual); one arrowhead where the data flows,
    out of the group or into it, and none where it flows both ways."""
    modes = {line.mode for line in found}
    mode = next(m for m in ("realtime", "batch", "file", "manual") if m in modes)
    carries = tuple(dict.fromkeys(d for line in found for d in line.carries))
    label = carried(carries) + (f" ({mode})" if mode not in ("realtime", "manual") else "")
    label = ("manual: " if mode == "manual" else "") + label
    out = any(line.both or line.source == mine for line in found)
    into = any(line.both or line.target == mine for line in found)
    ends = (mine, other) if out else (other, mine)  # data coming in: the arrow at the system
    style = (("arrowhead", "none"), ("arrowtail", "none")) if out and into else ()
    return Link(f"system:{mine}", f"stub:{other}", (Line(*ends, mode, carries, False),), label, style)
