"""Systems in groups (by owner team, kind, domain tag or cluster), and the links between groups.

Shared by the DOT and the Mermaid landscape, so both draw the same groups
and, for a big landscape shown collapsed, the same strongest links.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .._errors import UsageError
from .._model import Model, System, names
from .clusters import DOMAIN_TAG, GROUP_MAX, SPLIT_AT, clusters
from .labels import fold

__all__ = [
    "COLLAPSE_AT_ITEMS",
    "GROUP_BY",
    "GroupLink",
    "Groups",
    "Line",
    "collapsed",
    "group_links",
    "group_systems",
    "line_label",
    "lines",
]

GROUP_BY = ("auto", "owner", "kind", "domain", "cluster", "none")
# The landscape shows groups, unless expanded, from this many boxes and lines (systems, and the lines
# between pairs of systems, both directions and all integrations of one mode drawn as one): the size of
# the drawing decides, not systems alone. Past about 400 a page of boxes and crossing lines is no longer
# read, only searched; Graphviz itself slows from about 1,500 (benchmarks/hostile_bounds.py).
COLLAPSE_AT_ITEMS = 400
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


def _keys(model: Model, group_by: str, most: int) -> dict[str, tuple[str, str]]:
    """Each system's group key and the group's title."""
    if group_by == "cluster":
        label = {s.id: s.label for s in model.systems}
        degree = Counter(end for link in model.integrations for end in (link.source, link.target))
        out: dict[str, tuple[str, str]] = {}
        for n, members in enumerate(clusters(model, most), start=1):
            hub = max(members, key=lambda s: degree[s])  # the first of the most linked
            title = f"cluster {n}: around {label[hub]}" if degree[hub] else f"cluster {n}: no integration"
            out |= dict.fromkeys(members, (f"c{n}", title))
        return out
    teams = names(model.teams)
    out = {}
    for system in model.systems:
        if group_by == "none":
            out[system.id] = ("all", "all systems")
        elif group_by == "kind":
            out[system.id] = (system.kind, system.kind)
        elif group_by == "domain":
            tag = next((t for t in system.tags if t.startswith(DOMAIN_TAG)), None)
            out[system.id] = (tag, tag.removeprefix(DOMAIN_TAG)) if tag else ("-", "no domain")
        elif system.owner:
            out[system.id] = (system.owner, teams.get(system.owner, system.owner))
        else:
            out[system.id] = ("-", "no owner")
    return out


def group_systems(model: Model, group_by: str = "owner", most: int = GROUP_MAX) -> Groups:
    """Group the systems by ``owner`` team (``"-"``: no owner), ``kind``, ``domain`` (a ``domain-``
    tag), ``cluster`` of the integration graph (of at most ``most`` systems), or ``none`` (one
    group of all).

    >>> from silomap import Model, System, Team
    >>> m = Model(silomap=1, name="t", teams=[Team(id="it", name="IT")],
    ...           systems=[System(id="a", owner="it"), System(id="b", tags=["domain-sales"])])
    >>> group_systems(m).titles, group_systems(m, "domain").titles
    ({'it': 'IT', '-': 'no owner'}, {'-': 'no domain', 'domain-sales': 'sales'})
    """
    if group_by not in GROUP_BY or group_by == "auto":
        choices = ", ".join(GROUP_BY[1:])
        raise UsageError(f"{{param}} must be one of {choices}, not {group_by!r}", param="group_by")
    keys = _keys(model, group_by, most)
    groups = Groups()
    for system in model.systems:
        key, title = keys[system.id]
        groups.members.setdefault(key, []).append(system)
        groups.titles[key] = title
        groups.where[system.id] = key
    if group_by == "cluster":  # clusters in the order of their first system, as numbered
        order = sorted(groups.members, key=lambda k: int(k[1:]))
        return Groups({k: groups.members[k] for k in order}, groups.titles, groups.where)
    return groups


@dataclass(frozen=True)
class Line:
    """The integrations of one mode between two systems, drawn as one line.

    ``both`` when they run in both directions; ``carries`` in model order, once each.
    """

    source: str
    target: str
    mode: str
    carries: tuple[str, ...]
    both: bool


def lines(model: Model) -> list[Line]:
    """The lines of the landscape: one per pair of systems and mode, in model order.

    >>> from silomap import Integration, Model, System
    >>> m = Model(silomap=1, name="t", systems=[System(id="a"), System(id="b")], integrations=[
    ...     Integration(source="a", target="b", carries=["x"]),
    ...     Integration(source="b", target="a", carries=["y", "x"])])
    >>> lines(m)
    [Line(source='a', target='b', mode='realtime', carries=('x', 'y'), both=True)]
    """
    found: dict[tuple[str, str, str], Line] = {}
    for link in model.integrations:
        pair = (link.source, link.target) if link.source <= link.target else (link.target, link.source)
        key = (*pair, link.mode)
        old = found.get(key)
        if old is None:
            found[key] = Line(link.source, link.target, link.mode, tuple(dict.fromkeys(link.carries)), False)
        else:
            carries = tuple(dict.fromkeys((*old.carries, *link.carries)))
            both = old.both or (link.source, link.target) != (old.source, old.target)
            found[key] = Line(old.source, old.target, old.mode, carries, both)
    return list(found.values())


def line_label(line: Line) -> str:
    """A line's label: at most two data named, then ``+N more``; the mode unless realtime.

    >>> line_label(Line("a", "b", "batch", ("address", "profile", "order"), False))
    'address, profile +1 more (batch)'
    """
    prefix = "manual: " if line.mode == "manual" else ""
    mode = "" if line.mode in ("realtime", "manual") else f" ({line.mode})"
    return prefix + fold(line.carries, 2) + mode


def collapsed(model: Model, expand: bool | None) -> bool:
    """Whether the landscape is an overview (one box per group) and one drawing per group: past 40
    systems, or from 400 boxes and lines together (systems, and :func:`lines` between them),
    unless ``expand`` says."""
    if expand is not None:
        return not expand
    return len(model.systems) > SPLIT_AT or len(model.systems) + len(lines(model)) >= COLLAPSE_AT_ITEMS


def group_links(
    model: Model, groups: Groups, apart: frozenset[str] = frozenset()
) -> tuple[list[GroupLink], int, Counter[str]]:
    """The strongest links between groups (at most two per group), how many pairs of groups
    are linked in all, and how many integrations stay inside each group; links between two
    groups of ``apart`` are left out (not counted).

    Beyond a few lines per group a picture is a hairball (and Graphviz takes
    minutes), so the weakest links are left out and the caller says how many.
    """
    order = {key: i for i, key in enumerate(groups.members)}
    links: Counter[tuple[str, str]] = Counter()
    manual: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    for link in model.integrations:
        ends = (groups.where[link.source], groups.where[link.target])
        if ends[0] == ends[1]:
            inside[ends[0]] += 1
        elif not (ends[0] in apart and ends[1] in apart):
            a, b = sorted(ends, key=order.__getitem__)
            links[(a, b)] += 1
            manual[(a, b)] += link.mode == "manual"
    ranked = sorted(links.items(), key=lambda item: (-item[1], order[item[0][0]], order[item[0][1]]))
    shown = ranked[: min(SOFT_EDGES, 2 * len(groups.members))]
    return [GroupLink(a, b, count, manual[(a, b)]) for (a, b), count in shown], len(ranked), inside
