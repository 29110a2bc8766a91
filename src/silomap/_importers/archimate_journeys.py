"""ArchiMate business processes linked by triggering, as silomap journeys.

Each chain of processes linked by triggering is a journey, its steps in
trigger order. A step's actor comes from assignment (a role or actor named
"Customer" is the customer); its systems from the components serving it,
directly or through the application services they realize; its channel
from a business interface serving or assigned to it (or to its actor);
captures and reads from access relationships. A journey silomap wrote keeps its id, texts and
every field (:mod:`.archimate_silomap`); its steps the questions they answer (realization).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .._formats import archimate as vocab
from .._text import plural
from .archimate_read import Rel
from .archimate_silomap import Own
from .builder import Builder, Ref, Scoped

__all__ = ["Elements", "add_journeys"]

_PROCESS, _COMPONENT, _INTERFACE = (
    vocab.WRITTEN_AS["step"],
    vocab.WRITTEN_AS["system"],
    vocab.WRITTEN_AS["channel"],
)
CHANNEL_WORDS = (
    (("phone", "telephone", "call"), "phone"),
    (("e-mail", "email"), "email"),
    (("mail", "post", "letter"), "mail"),
    (("web", "portal", "internet", "online", "site"), "web"),
    (("mobile", "app"), "mobile"),
    (("chat",), "chat"),
    (("branch", "desk", "office", "counter"), "branch"),
    (("ivr",), "ivr"),
    (("social",), "social"),
)


@dataclass(frozen=True)
class Elements:
    """The neutral form of an ArchiMate model: elements (id -> (type, name)) and relationships."""

    table: dict[str, tuple[str, str]]
    rels: list[Rel]
    customer: set[str]
    own: Own  # what a silomap export says
    questions: dict[str, str] = field(default_factory=dict)  # the questions' ids, by element

    @property
    def props(self) -> dict[str, dict[str, str]]:
        """The ``silomap`` properties, by element."""
        return self.own.f.props


@dataclass
class _Links:
    """What the relationships say about each business process."""

    parent: dict[str, str] = field(default_factory=dict)
    actor: dict[str, str] = field(default_factory=dict)
    served: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    realizes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # service -> components
    interface: dict[str, str] = field(default_factory=dict)
    access: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    event: dict[str, str] = field(default_factory=dict)
    answers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # process -> questions


@dataclass
class _Tally:
    unassigned: bool = False
    internal: int = 0
    bare: int = 0
    staged: int = 0  # journeys whose stage a silomap export gave


def _channel(name: str) -> str | None:
    words = re.findall(r"[a-z-]+", name.lower())
    for keys, channel in CHANNEL_WORDS:
        if any(word in keys or word.replace("-", "") in keys for word in words):
            return channel
    return None


def _links(b: Builder, model: Elements, kind_of: dict[str, str]) -> _Links:
    links = _Links()
    for r in model.rels:
        src, dst = kind_of.get(r.source), kind_of.get(r.target)
        if r.kind in (vocab.LINKED_AS["step"], "Aggregation") and src == dst == _PROCESS:
            links.parent[r.target] = r.source
        elif r.kind == vocab.LINKED_AS["actor"] and src in vocab.TEAM_TYPES and dst == _PROCESS:
            links.actor.setdefault(r.target, "customer" if r.source in model.customer else r.source)
        elif r.kind == "Realization" and src == _COMPONENT and dst == "ApplicationService":
            links.realizes[r.target].append(r.source)
        elif (
            r.kind == vocab.LINKED_AS["serves"]
            and dst == _PROCESS
            and src in (_COMPONENT, "ApplicationService")
        ):
            links.served[r.target].append(r.source)
        elif r.kind in (vocab.LINKED_AS["serves"], "Assignment") and src == _INTERFACE:
            links.interface.setdefault(r.target, r.source)
        elif r.kind == vocab.LINKED_AS["captures"] and src == _PROCESS and b.has("entities", r.target):
            if (r.target, r.access) not in links.access[r.source]:
                links.access[r.source].append((r.target, r.access))
        elif r.kind == "Triggering" and src == "BusinessEvent" and dst == _PROCESS:
            links.event.setdefault(r.target, r.source)
        elif r.kind == vocab.LINKED_AS["answers"] and src == _PROCESS and r.target in model.questions:
            answered = links.answers[r.source]
            answered += [] if model.questions[r.target] in answered else [model.questions[r.target]]
    return links


def trigger_order(chain: nx.DiGraph[str], order: dict[str, int]) -> tuple[list[str], list[tuple[str, str]]]:
    """The processes of one chain in trigger order, and the triggers left out to break loops.

    A depth-first walk from the processes nothing triggers (then any left, in
    document order) marks each trigger that leads back to a process still being
    walked: those close a loop (a self-trigger too). Without them the chain has
    an order, the same for the same file.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "c")])
    >>> trigger_order(g, {"a": 0, "b": 1, "c": 2})
    (['a', 'b', 'c'], [('c', 'a'), ('c', 'c')])
    """
    nodes = sorted(chain, key=order.__getitem__)
    starts = [n for n in nodes if not any(p != n for p in chain.predecessors(n))] + nodes
    state: dict[str, int] = {}  # 1: being walked, 2: done
    cut: list[tuple[str, str]] = []
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(sorted(chain.successors(start), key=order.__getitem__)))]
        while stack:
            node, successors = stack[-1]
            child = next(successors, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                cut.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(chain.successors(child), key=order.__getitem__))))
    dag: nx.DiGraph[str] = nx.DiGraph(chain)
    dag.remove_edges_from(cut)
    return list(nx.lexicographical_topological_sort(dag, key=order.__getitem__)), cut


def add_journeys(b: Builder, model: Elements) -> None:
    """Add a journey for each chain of business processes linked by triggering."""
    kind_of = {key: kind for key, (kind, _) in model.table.items()}
    processes = [k for k, kind in kind_of.items() if kind == _PROCESS]
    chain: nx.DiGraph[str] = nx.DiGraph()
    for r in model.rels:
        if r.kind == vocab.LINKED_AS["next"] and kind_of.get(r.source) == kind_of.get(r.target) == _PROCESS:
            chain.add_edge(r.source, r.target)
    for r in model.rels:  # a one-step journey of a silomap export: its step has no trigger
        one = r.kind == vocab.LINKED_AS["step"] and "stage" in model.props.get(r.source, {})
        if one and kind_of.get(r.target) == _PROCESS and r.target not in chain:
            chain.add_node(r.target)
    if not chain:
        if processes:
            many = plural(len(processes), "business process", "business processes")
            b.dropped.append(f"{many} (none linked by triggering: no journey)")
        return
    order = {key: i for i, key in enumerate(model.table)}
    links = _links(b, model, kind_of)
    tally = _Tally()
    broken: list[tuple[str, str]] = []
    for component in sorted(nx.weakly_connected_components(chain), key=lambda c: min(order[k] for k in c)):
        keys, cut = trigger_order(chain.subgraph(component), order)
        broken += cut
        b.journeys.append(_journey(b, model, kind_of, links, keys, tally))
    if broken:
        names = [f"'{model.table[a][1][:40]}' -> '{model.table[z][1][:40]}'" for a, z in broken[:10]]
        more = f" and {len(broken) - 10} more" if len(broken) > 10 else ""
        closes = "closes" if len(broken) == 1 else "close"
        b.assumed.append(
            f"{plural(len(broken), 'triggering relationship')} {closes} a loop and were not "
            f"followed, so that the steps have an order: {', '.join(names)}{more}"
        )
    b.mapped.append(
        f"{plural(chain.number_of_nodes(), 'business process', 'business processes')} linked by "
        f"triggering -> steps of {plural(len(b.journeys), 'journey')}"
    )
    if tally.staged < len(b.journeys):
        b.assumed.append("journeys are in the after-sales stage; change 'stage' where they are not")
    if tally.internal:
        has = "has" if tally.internal == 1 else "have"
        b.assumed.append(f"{plural(tally.internal, 'step')} {has} no business interface: channel 'internal'")
    if tally.bare:
        are = "is" if tally.bare == 1 else "are"
        served = f"{are} served by no application component or service: no systems"
        b.assumed.append(f"{plural(tally.bare, 'step')} {served}")
    if tally.unassigned:
        b.assumed.append("steps with no assigned actor or role are done by the team 'unassigned'")


def _journey(
    b: Builder, model: Elements, kind_of: dict[str, str], links: _Links, keys: list[str], tally: _Tally
) -> dict[str, Any]:
    parents = {links.parent.get(k) for k in keys}
    head = parents.pop() if len(parents) == 1 and None not in parents else None
    trigger = links.event.get(keys[0])
    # named after the process containing the chain, else the event starting it, else its first step
    title = model.table[head or trigger or keys[0]][1]
    first = head or keys[0]
    stage, ident = model.own.value(first, "stage"), model.own.id(first)
    tally.staged += stage is not None
    out: dict[str, Any] = {
        "id": Scoped("journeys", first, title, ident),
        "name": title,
        "stage": stage or "after-sales",
        "source_id": first,
    }
    if ident is not None:
        out |= _own(model, first, ("volume", "kpis", "description", "source_id"))
    return out | {"steps": [_step(b, model, kind_of, links, key, head, keys[0], tally) for key in keys]}


def _own(model: Elements, key: str, wanted: tuple[str, ...]) -> dict[str, Any]:
    """The fields silomap wrote on a journey or step, but its id (a :class:`Scoped` one)."""
    return {k: v for k, v in model.own.fields(key, wanted).items() if k != "id"}


def _step(
    b: Builder,
    model: Elements,
    kind_of: dict[str, str],
    links: _Links,
    key: str,
    head: str | None,
    first: str,
    tally: _Tally,
) -> dict[str, Any]:
    who = links.actor.get(key) or (links.actor.get(head) if head else None)
    if who is None:
        tally.unassigned = True
        b.add("teams", "unassigned", "Unassigned")
        who = "unassigned"
    systems: list[str] = []
    for server in links.served.get(key, []):
        for component in [server] if kind_of[server] == _COMPONENT else links.realizes[server]:
            if component not in systems:
                systems.append(component)
    ident = model.own.id(key)
    tally.bare += not systems and ident is None
    via = links.interface.get(key) or links.interface.get(who, "")
    if via and "channel" in model.props.get(via, {}):
        channel = model.own.value(via, "channel")
    else:
        channel = _channel(model.table[via][1]) if via else None
    tally.internal += channel is None and ident is None
    access = links.access[key]
    step = {
        "id": Scoped(f"steps:{head or first}", key, model.table[key][1], ident),
        "name": model.table[key][1],
        "actor": Ref("teams", who) if who != "customer" else "customer",
        "channel": channel or "internal",
        "systems": [Ref("systems", s) for s in systems],
        "captures": [Ref("entities", e) for e, how in access if how == "write"],
        "reads": [Ref("entities", e) for e, how in access if how == "read"],
        "source_id": key,
    }
    if ident is not None:
        step |= _own(model, key, ("minutes", "source_id")) | {"answers": links.answers[key]}
    return step
