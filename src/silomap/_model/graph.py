"""The whole model as one networkx ``MultiDiGraph``, for users' own analyses.

Nodes are keyed ``"<kind>:<id>"`` (steps: ``"step:<journey>/<step>"``) and
carry ``kind``, ``id`` and ``name`` plus their own fields. Edges carry
``kind`` (also used as the edge key) and point this way:

============  ==================  =========================================
kind          from -> to          attributes
============  ==================  =========================================
integration   system -> system    ``carries`` (tuple), ``mode``, ``index``
holds         system -> entity
owns          team -> system
uses          step -> system
captures      step -> entity
reads         step -> entity
answers       step -> question
performs      team -> step        (steps whose actor is a team)
needs         question -> entity
contains      journey -> step     ``position`` (0-based)
next          step -> step        consecutive steps of a journey
============  ==================  =========================================

An integration's edge key is ``integration:<index>``, its position in the
model's list, so two integrations between the same pair of systems are two
edges: that is why the graph is a multigraph.

Every item's node (an integration's edge) also carries ``tags`` and its
``x-`` extension fields as attributes of the same name; systems carry
``lifecycle``, journeys and questions ``kpis`` (a dict, or ``None``).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .arguments import need_model
from .base import Extensible
from .items import Entity, Journey, Question, Step, System, Team
from .schema import Model
from .validate import require_valid

__all__ = ["graph", "node_key"]

_Item = Team | Entity | System | Question | Step | Journey


def node_key(kind: str, ident: str, journey: str | None = None) -> str:
    """The node key of a model element.

    >>> node_key("system", "crm"), node_key("step", "verify", journey="move-house")
    ('system:crm', 'step:move-house/verify')
    """
    return f"step:{journey}/{ident}" if kind == "step" else f"{kind}:{ident}"


def graph(model: Model) -> nx.MultiDiGraph[str]:
    """Build the graph of a model.

    Parameters
    ----------
    model
        A model.

    Returns
    -------
    networkx.MultiDiGraph
        A node per system, entity, team, journey, step and question (``system:crm``); an edge per
        relation between them, keyed by its kind (``holds``, ``integration:0``, ``next``, ``uses``...).

    Raises
    ------
    silomap.UsageError
        Given anything but a :class:`silomap.Model` (a path, a dict), naming ``model=``.

    Examples
    --------
    >>> from silomap import Model, System, Integration, Entity
    >>> m = Model(silomap=1, name="t", entities=[Entity(id="a")],
    ...           systems=[System(id="x", holds=["a"]), System(id="y")],
    ...           integrations=[Integration(source="x", target="y", carries=["a"])])
    >>> g = graph(m)
    >>> sorted(g.nodes), [k for _, _, k in g.edges(keys=True)]
    (['entity:a', 'system:x', 'system:y'], ['holds', 'integration:0'])
    """
    need_model(model)
    require_valid(model)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=model.name)
    for team in model.teams:
        _node(g, node_key("team", team.id), "team", team)
    for entity in model.entities:
        _node(g, node_key("entity", entity.id), "entity", entity)
    _systems(g, model)
    for question in model.questions:
        key = node_key("question", question.id)
        _node(g, key, "question", question, volume=question.volume, kpis=_kpis(question.kpis))
        for needed in question.needs:
            g.add_edge(key, node_key("entity", needed), key="needs", kind="needs")
    for journey in model.journeys:
        _journey(g, journey)
    return g


def _node(g: nx.MultiDiGraph[str], key: str, kind: str, item: _Item, **fields: Any) -> None:
    """Add ``item``'s node: kind, id and name, then its own ``fields``, then its tags and ``x-`` fields."""
    g.add_node(key, kind=kind, id=item.id, name=item.label, **fields, **_extra(item))


def _extra(item: Extensible) -> dict[str, Any]:
    """An item's tags and ``x-`` fields, as node or edge attributes."""
    return {"tags": item.tags, **item.extensions}


def _kpis(kpis: Any) -> dict[str, Any] | None:
    return None if kpis is None else kpis.model_dump(exclude_none=True)


def _systems(g: nx.MultiDiGraph[str], model: Model) -> None:
    for system in model.systems:
        key = node_key("system", system.id)
        _node(
            g,
            key,
            "system",
            system,
            system_kind=system.kind,
            owner=system.owner,
            channels=system.channels,
            lifecycle=system.lifecycle,
        )
        for held in system.holds:
            g.add_edge(key, node_key("entity", held), key="holds", kind="holds")
        if system.owner:
            g.add_edge(node_key("team", system.owner), key, key="owns", kind="owns")
    for index, link in enumerate(model.integrations):
        ends = node_key("system", link.source), node_key("system", link.target)
        g.add_edge(
            *ends,
            key=f"integration:{index}",
            kind="integration",
            carries=link.carries,
            mode=link.mode,
            index=index,
            **_extra(link),
        )


def _journey(g: nx.MultiDiGraph[str], journey: Journey) -> None:
    jkey = node_key("journey", journey.id)
    _node(g, jkey, "journey", journey, stage=journey.stage, volume=journey.volume, kpis=_kpis(journey.kpis))
    previous = None
    for position, step in enumerate(journey.steps):
        skey = node_key("step", step.id, journey=journey.id)
        fields = {"actor": step.actor, "channel": step.channel, "minutes": step.minutes}
        _node(g, skey, "step", step, journey=journey.id, **fields)
        g.add_edge(jkey, skey, key="contains", kind="contains", position=position)
        if step.actor != "customer":
            g.add_edge(node_key("team", step.actor), skey, key="performs", kind="performs")
        for edge_kind, target_kind, ids in (
            ("uses", "system", step.systems),
            ("captures", "entity", step.captures),
            ("reads", "entity", step.reads),
            ("answers", "question", step.answers),
        ):
            for ident in ids:
                g.add_edge(skey, node_key(target_kind, ident), key=edge_kind, kind=edge_kind)
        if previous is not None:
            g.add_edge(previous, skey, key="next", kind="next")
        previous = skey
