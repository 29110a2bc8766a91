"""Which grouping a landscape is drawn with: the one asked for, or (``auto``) one chosen from the
model's size and shape, and the clusters of the integration graph when nothing else groups it.

A grouping built on defaults is no grouping: when no system names an owner, every system is of
kind ``other`` or none carries a ``domain-`` tag, grouping by it would put every system in one box
and present that as meaning. Such a choice falls back (to clusters when the landscape is split
into groups, else to none) and :class:`Choice` says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.community import kernighan_lin_bisection, louvain_communities

from .._model import Model

__all__ = [
    "DOMAIN_TAG",
    "GROUP_MAX",
    "GROUP_MAX_ON",
    "SPLIT_AT",
    "Choice",
    "choose",
    "clusters",
    "communities",
    "halves",
]

SPLIT_AT = 40  # systems: past this many, the landscape is an overview and one drawing per group
GROUP_MAX = 40  # systems in one group's drawing: a bigger cluster is split again
# ... and for a page: the most systems of a group whose drawing still reads on it (measured on
# generated landscapes with benchmarks/landscape_scale.py)
GROUP_MAX_ON = {"a3": 20, "a4": 12, "16:9": 12}
GROUPS_MAX = 30  # owner teams an overview still reads; past it, auto groups by cluster
DOMAIN_TAG = "domain-"  # a system's tag naming its domain: ``domain-payments``
SEED = 28  # community detection is seeded: the same model gives the same clusters


@dataclass(frozen=True)
class Choice:
    """The grouping drawn (``owner``, ``kind``, ``domain``, ``cluster`` or ``none``) and, when it is
    not the one asked for, why (``note``)."""

    by: str
    note: str = ""


def _meaningless(model: Model, by: str) -> str:
    """Why grouping by ``by`` would say nothing (every value a default), or ``""``."""
    if by == "owner" and not any(s.owner for s in model.systems):
        return "no system names an owner"
    if by == "kind" and all(s.kind == "other" for s in model.systems):
        return "every system is of kind other"
    if by == "domain" and not any(t.startswith(DOMAIN_TAG) for s in model.systems for t in s.tags):
        return f"no system has a {DOMAIN_TAG} tag"
    return ""


def choose(model: Model, group_by: str, split: bool, most: int = GROUP_MAX) -> Choice:
    """The grouping to draw: ``group_by`` unless it rests on defaults; ``auto`` picks owner teams when
    systems name them (and, for a split landscape, at most 30 teams of at most ``most`` systems
    each), else clusters when split, else none.

    >>> from silomap import Model, System
    >>> m = Model(silomap=1, name="t", systems=[System(id="a"), System(id="b")])
    >>> choose(m, "kind", split=False)
    Choice(by='none', note='not grouped by kind: every system is of kind other')
    >>> choose(m, "auto", split=True).by
    'cluster'
    """
    fallback = "cluster" if split else "none"
    if group_by == "auto":
        owners: dict[str, int] = {}
        for system in model.systems:
            owners[system.owner or "-"] = owners.get(system.owner or "-", 0) + 1
        fits = len(owners) <= GROUPS_MAX and max(owners.values(), default=0) <= most
        return Choice("owner" if not _meaningless(model, "owner") and (fits or not split) else fallback)
    if group_by in ("cluster", "none"):
        return Choice("cluster" if split else group_by)
    why = _meaningless(model, group_by)
    return Choice(fallback, f"not grouped by {group_by}: {why}") if why else Choice(group_by)


def clusters(model: Model, most: int = GROUP_MAX) -> list[list[str]]:
    """The systems in clusters of the integration graph (Louvain communities, seeded, weighted by the
    integrations between two systems), none bigger than ``most`` (a bigger one cut in two, and
    again); systems with no integration together, ``most`` at a time.

    Each cluster lists its systems in model order; clusters come in the order of their first system.

    >>> from silomap import Integration, Model, System
    >>> link = lambda a, b: Integration(source=a, target=b, carries=["x"])
    >>> m = Model(silomap=1, name="t", systems=[System(id=i) for i in "abcde"],
    ...           integrations=[link("a", "b"), link("d", "c")])
    >>> clusters(m)
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    found = communities(_graph(model, [s.id for s in model.systems]), most)
    return [[model.systems[n].id for n in c] for c in found]


def communities(graph: nx.Graph[int], most: int) -> list[list[int]]:
    """The nodes of ``graph`` (numbers) in Louvain communities (seeded, by the edges' ``weight``),
    none bigger than ``most`` (a bigger one cut in two, and again); nodes with no edge together,
    ``most`` at a time. Each community in node order, the communities in the order of their first.

    >>> graph = nx.Graph([(0, 1), (2, 3)])
    >>> graph.add_node(4)
    >>> communities(graph, most=2)
    [[0, 1], [2, 3], [4]]
    """
    graph = graph.copy()
    alone = sorted(n for n in graph if graph.degree(n) == 0)
    graph.remove_nodes_from(alone)
    found = _split(graph, [set(c) for c in louvain_communities(graph, seed=SEED)] if graph else [], most)
    found += [set(alone[i : i + most]) for i in range(0, len(alone), most)]
    return [sorted(c) for c in sorted(found, key=min)]


def halves(model: Model, ids: list[str]) -> list[list[str]]:
    """``ids`` cut in two with the fewest integrations between the halves, each in model order.

    >>> from silomap import Integration, Model, System
    >>> link = lambda a, b: Integration(source=a, target=b, carries=["x"])
    >>> m = Model(silomap=1, name="t", systems=[System(id=i) for i in "abcd"],
    ...           integrations=[link("a", "b"), link("c", "d")])
    >>> halves(m, ["a", "b", "c", "d"])
    [['a', 'b'], ['c', 'd']]
    """
    cut = kernighan_lin_bisection(_graph(model, ids), seed=SEED, weight="weight")
    return [[model.systems[n].id for n in sorted(h)] for h in sorted(cut, key=min)]


def _graph(model: Model, ids: list[str]) -> nx.Graph[int]:
    """The systems ``ids`` and the integrations between them, undirected, weighted by their number.

    Nodes are the systems' places in the model, in order: numbers hash alike in every process
    (names do not), so the communities found are the same whatever ``PYTHONHASHSEED``."""
    place = {s.id: n for n, s in enumerate(model.systems)}
    inside = {place[i] for i in ids}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(sorted(inside))
    for link in model.integrations:
        a, b = place[link.source], place[link.target]
        if a in inside and b in inside and a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    return graph


def _split(graph: nx.Graph[int], found: list[set[int]], most: int) -> list[set[int]]:
    """Clusters bigger than ``most`` cut in two (Kernighan-Lin, seeded: the fewest integrations
    cut), again until none is bigger."""
    out: list[set[int]] = []
    for cluster in found:
        if len(cluster) <= most:
            out.append(cluster)
            continue
        part = graph.subgraph(sorted(cluster))
        halves = kernighan_lin_bisection(part, seed=SEED, weight="weight")
        out += _split(graph, [set(h) for h in halves], most)
    return out
