"""The changes worth measuring, found in the evidence (``docs/fixes.md``, "Candidates").

Families: an integration for every silo re-entry, a pre-fill for every process
re-entry, automating every manual integration, joining the groups of every
unsynced entity, letting one system of a question's cover expose what another
provides, and merging systems of one declared kind found together on a desktop
or in a cover (never two of kind ``other`` or ``spreadsheet``, and never an
external system).

The search over single integrations is complete without trying every pair
of systems. An integration carrying ``e`` from ``a`` to ``b`` changes the score
in two ways only (re-entries are counted whether or not the data was there):

- *systems per question*: only if ``a`` exposes ``e`` and ``b`` does not; then
  everything ``b`` reaches exposes ``e``, whatever ``a`` is. Only systems that
  already expose another need of a question needing ``e`` can shrink a cover,
  so targets ``b`` with the same such systems in reach are equivalent: one of
  each class is measured.
- *unsynced copies*: only if ``a`` and ``b`` lie in two groups of ``e``'s holders;
  every such join removes one unsynced copy, so one join per entity is enough,
  and each class above takes, where it can, a source ``a`` that also joins.
"""

from __future__ import annotations

from collections import Counter

from networkx.utils import UnionFind

from .._model import REPLACED, UNDECLARED_KIND, Model
from .evaluate import Base
from .schema import Change

__all__ = ["MAX_MERGES", "Link", "candidates", "link_change"]

MAX_MERGES = 10  # merges measured, the most often found together first: each touches much of a model

Link = tuple[str, str, str]  # an integration to add: from, to, the one entity it carries


def link_change(link: Link) -> Change:
    """The change that adds one such integration (realtime)."""
    source, target, entity = link
    return Change.model_validate({"add-integration": {"from": source, "to": target, "carries": [entity]}})


def _add(source: str, target: str, entity: str) -> Link:
    return (source, target, entity)


def _groups(base: Base, entity: str) -> dict[str, object]:
    """Each system's group for ``entity``: holders joined by the links carrying it (undirected)."""
    joined = UnionFind(base.flows.holders.get(entity, []))
    for source, target in base.flows.links(entity):
        joined.union(source, target)
    return {s.id: joined[s.id] for s in base.model.systems}


def _complete_integrations(base: Base, entity: str) -> list[Link]:
    exposers = base.flows.exposers(entity)
    if not exposers:
        return []
    holders = set(base.flows.holders.get(entity, []))
    group = _groups(base, entity)
    with_holders = {group[h] for h in holders}
    relevant: set[str] = set()
    for i in base.needed_by.get(entity, ()):
        figure = base.analysis.questions[i]
        if figure.spq >= 2:
            relevant |= {s for need, systems in figure.exposers if need != entity for s in systems}
    out = []
    lifecycle = {s.id: s.lifecycle for s in base.model.systems}
    # the system that keeps the data and is not being replaced sends it, before one holding a copy
    sources = sorted(exposers, key=lambda s: (s not in holders, lifecycle[s] in REPLACED, s))
    classes: dict[frozenset[str], list[str]] = {}
    for system in base.model.systems:
        if system.id not in exposers:
            key = frozenset(base.flows.reach(entity, system.id) & relevant)
            if key:
                classes.setdefault(key, []).append(system.id)
    for members in classes.values():
        # a target whose group holds copies, joined from a source in another group, also syncs them
        joins = [
            (b, a) for b in members for a in sources if group[b] in with_holders and group[a] != group[b]
        ]
        b, a = joins[0] if joins else (members[0], sources[0])
        out.append(_add(a, b, entity))
    if len(with_holders) >= 2:
        first = sorted(holders)
        a = first[0]
        b = next(h for h in first if group[h] != group[a])
        out.append(_add(a, b, entity))
    return out


def _reentry_fixes(base: Base) -> tuple[list[Link], list[Change]]:
    links: list[Link] = []
    out: list[Change] = []
    for journey, figure in zip(base.model.journeys, base.analysis.journeys, strict=True):
        steps = {s.id: s for s in journey.steps}
        for r in figure.reentries:
            if r.kind == "process":
                kept = [e for e in steps[r.step].captures if e != r.entity]
                body = {"journey": journey.id, "step": r.step, "captures": kept}
                out.append(Change.model_validate({"edit-step": body}))
            else:
                links += [
                    (a, b, r.entity) for a in steps[r.first].systems for b in steps[r.step].systems if a != b
                ]
    return links, out


def _cover_fixes(base: Base) -> list[Link]:
    out: list[Link] = []
    for figure in base.analysis.questions:
        if figure.spq < 2:
            continue
        for need, systems in figure.exposers:
            for x in figure.cover:
                if x not in systems:
                    out += [_add(y, x, need) for y in figure.cover if y in systems]
    return out


# Kinds that say how a system is built, not what job it does: two spreadsheets (marks and visas)
# are no more alike than two systems of the default kind.
NO_ROLE = (UNDECLARED_KIND, "spreadsheet")


def _mergeable(base: Base) -> dict[str, str]:
    """The kind of each system a fix may merge: one the user declared that names a job (never
    ``other`` or ``spreadsheet``), and not external (a supplier's system cannot be merged)."""
    return {s.id: s.kind for s in base.model.systems if s.kind not in NO_ROLE and not s.external}


def _merges(base: Base) -> list[Change]:
    """Pairs of systems of one declared kind, those most often found together on a desktop or in a
    question's cover first (two CRMs after a merger are a pair even if no one desktop shows both)."""
    kind = _mergeable(base)
    together: Counter[tuple[str, str]] = Counter()
    places = [t.systems for t in base.analysis.teams] + [q.cover for q in base.analysis.questions]
    for systems in places:
        ids = sorted(s for s in systems if s in kind)
        together.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if kind[a] == kind[b])
    by_kind: dict[str, list[str]] = {}
    for system, k in sorted(kind.items()):
        by_kind.setdefault(k, []).append(system)
    pairs = [(a, b) for ids in by_kind.values() for i, a in enumerate(ids) for b in ids[i + 1 :]]
    ranked = sorted(pairs, key=lambda pair: (-together[pair], pair))[:MAX_MERGES]
    found = {s.id: s for s in base.model.systems}

    def stays(system: str) -> tuple[bool, int]:  # an active system before one being replaced, then data
        return (found[system].lifecycle not in REPLACED, len(found[system].holds))

    out = []
    for a, b in ranked:
        into = b if stays(b) > stays(a) else a  # on a tie, the first by id
        out.append(Change.model_validate({"merge-systems": {"into": into, "systems": [a, b]}}))
    return out


def candidates(base: Base) -> tuple[list[Link], list[Change]]:
    """Every candidate for a model, each once, in a stable order: the integrations to add (as
    ``(from, to, entity)``, measured fast) and the other changes."""
    model: Model = base.model
    links: list[Link] = []
    for entity in model.entities:
        links += _complete_integrations(base, entity.id)
    reentry_links, prefills = _reentry_fixes(base)
    links += reentry_links + _cover_fixes(base)
    found: list[Change] = list(prefills)
    seen_manual: set[tuple[str, str]] = set()
    for link in model.integrations:
        if link.mode == "manual" and (link.source, link.target) not in seen_manual:
            seen_manual.add((link.source, link.target))
            body = {"from": link.source, "to": link.target, "mode": "realtime"}
            found.append(Change.model_validate({"set-mode": body}))
    found += _merges(base)
    unique = {change.text: change for change in found}
    # a link the model has already (a manual copy, say) is mended by set-mode, never added twice
    have = {(i.source, i.target, e) for i in model.integrations for e in i.carries}
    return sorted(set(links) - have), [unique[text] for text in sorted(unique)]
