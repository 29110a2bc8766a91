"""A second level for an overview too big for its page: the groups gathered in areas.

When the systems of every group share one domain (their ``domain-`` tag, as ``--group-by domain``
reads it) and there are two domains or more, the areas are the domains: each domain's groups, in
the model's order. Otherwise an area is a community of the group graph (Louvain, seeded, weighted
by the integrations between two groups): groups that integrate more with each other than with the
rest. Either way none has more than :data:`AREA_MAX` groups: a bigger one is cut in communities of
its groups, then in two with the fewest integrations cut. The top drawing
has one box per area; each area's drawing has one box per group in it and a dashed stub for each
other area its groups integrate with; each group is then drawn as before.
"""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from .._model import Model, System
from .._text import plural
from .clusters import DOMAIN_TAG, communities
from .dot import Dot
from .grouping import Groups
from .labels import wrap
from .landscape import DOWN, Layout
from .overview import boxes_view, grouping

__all__ = ["AREA_MAX", "area_view", "areas", "areas_view"]

_CLUSTER = re.compile(r"^(cluster \d+): .*", re.S)
AROUND = ": around "  # in an area's title when the integrations made it: "area 3: around Team 07"
AREA_MAX = 6  # groups in one area: its drawing reads on a slide (benchmarks/landscape_scale.py)


def areas(model: Model, groups: Groups, most: int = AREA_MAX) -> Groups:
    """The groups gathered in areas: the members of each area (``area:<n>``) are its groups'
    systems, in the groups' order; its title names its domain (``area 2: payments``, ``(1 of 2)``
    when cut), else the group with the most integrations to the other groups of the area.

    >>> from silomap import Integration, Model, System
    >>> link = lambda a, b: Integration(source=a, target=b, carries=["x"])
    >>> m = Model(silomap=1, name="t", systems=[System(id=i, owner=i) for i in "abcd"],
    ...           integrations=[link("a", "b"), link("b", "a"), link("c", "d"), link("b", "c")])
    >>> found = areas(m, grouping(m, "owner", False)[1], most=2)
    >>> found.titles
    {'area:1': 'area 1: around a', 'area:2': 'area 2: around c'}
    >>> {k: [s.id for s in v] for k, v in found.members.items()}
    {'area:1': ['a', 'b'], 'area:2': ['c', 'd']}
    """
    keys = list(groups.members)
    place = {key: n for n, key in enumerate(keys)}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(keys)))
    for link in model.integrations:
        a, b = place[groups.where[link.source]], place[groups.where[link.target]]
        if a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    out = Groups()
    for n, (found, title) in enumerate(_gathered(graph, groups, most), start=1):
        key = f"area:{n}"
        # a cluster's own title ("cluster 2: around System 020") is cut to its name: no nesting
        hub = _CLUSTER.sub(r"\1", groups.titles[keys[_hub(graph, found)]])
        out.titles[key] = f"area {n}: {title}" if title else f"area {n}{AROUND}{hub}"
        for g in found:
            out.members.setdefault(key, []).extend(groups.members[keys[g]])
            out.where.update(dict.fromkeys((s.id for s in groups.members[keys[g]]), key))
    return out


def _hub(graph: nx.Graph[int], found: list[int]) -> int:
    """The group of ``found`` with the most integrations to the others (the first of them)."""
    inner: Counter[int] = Counter(dict.fromkeys(found, 0))
    for a, b, data in graph.subgraph(found).edges(data=True):
        inner[a] += data["weight"]
        inner[b] += data["weight"]
    return max(found, key=lambda g: (inner[g], -g))


def _domain(systems: list[System]) -> str | None:
    """The domain all ``systems`` share (the first ``domain-`` tag of each), or ``None``."""
    tags = {next((t for t in s.tags if t.startswith(DOMAIN_TAG)), None) for s in systems}
    return tags.pop() if len(tags) == 1 else None


def _domains(groups: Groups) -> list[str] | None:
    """Each group's domain, when the areas are the domains: every group's systems share one domain
    tag, and there are two domains or more; else ``None``."""
    domains = [_domain(members) for members in groups.members.values()]
    known = [d for d in domains if d is not None]
    return known if len(known) == len(domains) and len(set(known)) > 1 else None


def _gathered(graph: nx.Graph[int], groups: Groups, most: int) -> list[tuple[list[int], str]]:
    """The areas as lists of group numbers, each with its title (its domain's name) or ``""``: the
    domains when they gather the groups in no more areas than the integrations' communities do."""
    found = [(c, "") for c in communities(graph, most)]
    by_domain = _by_domain(graph, groups, most)
    return by_domain if by_domain is not None and len(by_domain) <= len(found) else found


def _by_domain(graph: nx.Graph[int], groups: Groups, most: int) -> list[tuple[list[int], str]] | None:
    """The areas by domain, each with its domain's name (``(1 of 2)`` when cut), or ``None`` when
    the groups are not each in one domain."""
    domains = _domains(groups)
    if domains is None:
        return None
    out: list[tuple[list[int], str]] = []
    for domain in dict.fromkeys(domains):
        mine = [n for n, d in enumerate(domains) if d == domain]
        cut = communities(graph.subgraph(mine).copy(), most) if len(mine) > most else [mine]
        name = str(domain).removeprefix(DOMAIN_TAG)
        out += [
            (found, name if len(cut) == 1 else f"{name} ({i} of {len(cut)})")
            for i, found in enumerate(cut, 1)
        ]
    return out


def _levels(model: Model, group_by: str, page: str | None) -> tuple[Groups, Groups, dict[str, list[str]]]:
    """The groups, the areas, and each area's group keys in order."""
    _, groups = grouping(model, group_by, False, page)
    found = areas(model, groups)
    inside: dict[str, list[str]] = {key: [] for key in found.members}
    for key, members in groups.members.items():
        inside[found.where[members[0].id]].append(key)
    return groups, found, inside


def areas_view(model: Model, group_by: str, layout: Layout = DOWN, page: str | None = None) -> Dot:
    """The top drawing: one box per area, one line per pair of areas."""
    choice, _ = grouping(model, group_by, False, page)
    groups, found, inside = _levels(model, group_by, page)
    title = (
        f"{model.name}: {len(model.systems):,} systems in {len(groups.members)} groups by {choice.by}, "
        f"in {len(found.members)} areas"
    )
    named = Groups(
        found.members,
        {k: f"{wrap(t, 28)}\n{plural(len(inside[k]), 'group')}" for k, t in found.titles.items()},
        found.where,
    )
    kind = "domain-area" if any(AROUND not in t for t in found.titles.values()) else "area"
    return boxes_view(model, named, title, choice, layout, kind=kind)


def area_view(model: Model, group_by: str, area: str, layout: Layout = DOWN, page: str | None = None) -> Dot:
    """One area: a box per group in it, a dashed stub per other area its groups integrate with."""
    choice, _ = grouping(model, group_by, False, page)
    groups, found, inside = _levels(model, group_by, page)
    out = Groups()
    for key in inside[area]:
        out.members[key] = groups.members[key]
        out.titles[key] = groups.titles[key]
        out.where.update(dict.fromkeys((s.id for s in groups.members[key]), key))
    mine = {s.id for key in inside[area] for s in groups.members[key]}
    near = {
        found.where[end]
        for link in model.integrations
        if (link.source in mine) != (link.target in mine)
        for end in (link.source, link.target)
        if end not in mine
    }
    for key in (k for k in found.members if k in near):
        out.members[key] = found.members[key]
        out.titles[key] = found.titles[key].split(":", 1)[0]  # "area 3": its stub says no more
    for system in model.systems:
        out.where.setdefault(system.id, found.where[system.id])
    count = sum(len(groups.members[k]) for k in inside[area])
    groups_in = plural(len(inside[area]), "group")
    title = f"{model.name}: {found.titles[area]}, {groups_in} of {plural(count, 'system')}"
    return boxes_view(model, out, title, choice, layout, stubs=frozenset(found.members) - {area})
