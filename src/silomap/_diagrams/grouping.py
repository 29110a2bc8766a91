"""Systems in groups (by owner team or by kind), and the links between groups.

Shared by the DOT and the Mermaid landscape, so both draw the same groups
and, for a big landscape shown collapsed, the same strongest links.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .._errors import UsageError
from .._model import Model, System, names

__all__ = ["COLLAPSE_AT", "GROUP_BY", "GroupLink", "Groups", "collapsed", "group_links", "group_systems"]

GROUP_BY = ("owner", "kind")
# The landscape shows groups unless expanded from this many systems, or from this many boxes and lines
# (systems + integrations): Graphviz drew 299 systems with 1,495 integrations in 2 s and with 1,993 in
# more than 60 s (benchmarks/hostile_bounds.py), so the size of the drawing decides, not systems alone.
COLLAPSE_AT = 300
COLLAPSE_AT_ITEMS = 1_500
SOFT_EDGES = 300  # links between groups drawn in a collapsed landscape


@dataclass(frozen=True)
class Groups:
    """Systems by group key, in model order, with each group's title."""

    members: dict[str, list[System]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupLink:
    """Integrations between two groups, both directions counted together."""

    a: str
    b: str
    count: int
    manual: int


def group_systems(model: Model, group_by: str = "owner") -> Groups:
    """Group the systems by ``owner`` team (``"-"``: no owner) or by ``kind``.

    >>> from silomap import Model, System, Team
    >>> m = Model(silomap=1, name="t", teams=[Team(id="it", name="IT")],
    ...           systems=[System(id="a", owner="it"), System(id="b")])
    >>> group_systems(m).titles
    {'it': 'IT', '-': 'no owner'}
    """
    if group_by not in GROUP_BY:
        raise UsageError(f"{{param}} must be owner or kind, not {group_by!r}", param="group_by")
    teams = names(model.teams)
    groups = Groups()
    for system in model.systems:
        key: str
        title: str
        if group_by == "kind":
            key, title = system.kind, system.kind
        elif system.owner:
            key, title = system.owner, teams.get(system.owner, system.owner)
        else:
            key, title = "-", "no owner"
        groups.members.setdefault(key, []).append(system)
        groups.titles[key] = title
        groups.where[system.id] = key
    return groups


def collapsed(model: Model, expand: bool | None) -> bool:
    """Whether the landscape shows one box per group: from 300 systems or 1,500 systems and
    integrations together, unless ``expand`` says."""
    if expand is not None:
        return not expand
    return (
        len(model.systems) >= COLLAPSE_AT or len(model.systems) + len(model.integrations) >= COLLAPSE_AT_ITEMS
    )


def group_links(model: Model, groups: Groups) -> tuple[list[GroupLink], int, Counter[str]]:
    """The strongest links between groups (at most two per group), how many pairs of groups
    are linked in all, and how many integrations stay inside each group.

    Beyond a few lines per group a picture is a hairball (and Graphviz takes
    minutes), so the weakest links are left out and the caller says how many.
    """
    order = {key: i for i, key in enumerate(groups.members)}
    links: Counter[tuple[str, str]] = Counter()
    manual: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    for link in model.integrations:
        a, b = sorted((groups.where[link.source], groups.where[link.target]), key=order.__getitem__)
        if a == b:
            inside[a] += 1
        else:
            links[(a, b)] += 1
            manual[(a, b)] += link.mode == "manual"
    ranked = sorted(links.items(), key=lambda item: (-item[1], order[item[0][0]], order[item[0][1]]))
    shown = ranked[: min(SOFT_EDGES, 2 * len(groups.members))]
    return [GroupLink(a, b, count, manual[(a, b)]) for (a, b), count in shown], len(ranked), inside
