"""Import a Backstage software catalog (``catalog-info.yaml`` files, or a folder of them).

- a System -> a system; the Components and Resources that belong to it (``spec.system``) are
  its parts and fold into it (the catalog is finer than a customer's journey sees); a
  Component or Resource with no System is a system of its own;
- the kind and ``external`` only as the catalog states them: the ``silomap.dev/kind`` and
  ``silomap.dev/external`` annotations, or a ``spec.type`` saying what the system is (website ->
  web; a generic technical type such as service or library says nothing), see
  :mod:`.backstage_kinds`; ``lifecycle: deprecated`` -> phasing-out; ``metadata.tags`` and the
  Domain -> tags;
- ``spec.owner`` -> the owning team: a Group is a team; a User is the team of its first group;
- an API -> the entity its integrations carry: provider (``providesApis``) -> consumer
  (``consumesApis``); ``dependsOn`` -> an integration from what is depended on, carrying the
  placeholder entity ``unspecified data`` when no API names the data (reported, as the other
  importers do);
- a Domain -> a grouping (the tag ``domain-<name>`` on its systems); Users, Locations and other
  kinds are not imported, only counted.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .._config import Limits
from .._text import plural
from .backstage_kinds import Kinds
from .backstage_read import Catalog, Entity, read_catalog
from .builder import Builder, Raw, Ref, slug
from .kinds import quoted

__all__ = ["import_backstage"]

_PARTS = ("component", "resource")
PLACEHOLDER = "unspecified data"
DESCRIPTION_MAX = 10_000  # the loader's longest description
SHOWN = 5


def _shown(items: list[str]) -> str:
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


class _Mapping:
    """The catalog's entities by reference, and the system each part folds into.

    A part folds into the System its ``spec.system`` names; one naming anything else (another
    Component, a Group, an API, an entity not in the catalog) is a system of its own, and
    ``astray`` says why, for the report.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.by_ref = {e.ref: e for e in catalog.entities}
        self.home: dict[str, str] = {}
        self.parts: dict[str, list[Entity]] = defaultdict(list)
        self.astray: list[str] = []
        for e in catalog.entities:
            if e.kind == "system":
                self.home[e.ref] = e.ref
        for e in (e for e in catalog.entities if e.kind in _PARTS):
            self.home[e.ref] = self._system(e)
            self.parts[self.home[e.ref]].append(e)

    def _system(self, part: Entity) -> str:
        """The System a part folds into: the one its ``spec.system`` names, else the part itself."""
        named = part.spec.get("system")
        if named is None or named == []:
            return part.ref
        key = next(iter(part.refs("system", "system")), None)
        found = self.by_ref.get(key or "")
        if found is not None and found.kind == "system":
            return found.ref
        if key is None:
            why = f"'{quoted(str(named))}' is not an entity reference"
        else:
            why = f"{key} is not a System" if found else f"{key} is not in the catalog"
        self.astray.append(f"{part.ref} ({why})")
        return part.ref

    def team(self, owner: str | None) -> str | None:
        """The team key of an owner reference: a Group, or a User's first group, else the owner."""
        user = self.by_ref.get(owner or "")
        if user is not None and user.kind == "user":
            group = next(iter(user.refs("memberOf", "group")), None)
            return group if group in self.by_ref else owner
        return owner


def _tags(entity: Entity, domain: str | None) -> list[str]:
    tags = entity.metadata.get("tags")
    found = [slug(t, "tag")[:64] for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
    if domain:
        found.append(("domain-" + slug(domain.split("/")[-1], "domain"))[:64])
    return sorted(set(found))


def _description(b: Builder, e: Entity) -> Raw | None:
    """``metadata.description`` with its line breaks, when it is a text."""
    text = e.metadata.get("description")
    return b.keep(text, DESCRIPTION_MAX) if isinstance(text, str) and text.strip() else None


def _systems(b: Builder, m: _Mapping, catalog: Catalog) -> None:
    owners: set[str] = set()
    kinds = Kinds()
    for e in catalog.entities:
        if m.home.get(e.ref) != e.ref:
            continue
        parts = m.parts.get(e.ref, []) if e.kind == "system" else [e]
        owner = m.team(next(iter(e.refs("owner", "group")), None))
        if owner:
            owners.add(owner)
        domain = next(iter(e.refs("domain", "domain")), None) if e.kind == "system" else None
        deprecated = bool(parts) and all(
            str(p.spec.get("lifecycle", "")).lower() == "deprecated" for p in parts
        )
        b.add(
            "systems",
            e.ref,
            e.title,
            owner=Ref("teams", owner) if owner else None,
            tags=_tags(e, domain),
            description=_description(b, e),
            lifecycle="phasing-out" if deprecated else None,
            **kinds.fields(e, parts),
        )
    for key in sorted(owners):
        if not b.has("teams", key):
            b.add("teams", key, m.by_ref[key].title if key in m.by_ref else key.split("/")[-1])
    systems = [(m.by_ref[s], p) for s, p in m.parts.items() if m.by_ref[s].kind == "system"]
    folded = [f"{quoted(system.title)} ({len(p)})" for system, p in systems]
    if folded:
        b.mapped.append("components and resources folded into their system: " + _shown(folded))
    if m.astray:
        astray = plural(len(m.astray), "component or resource", "components and resources")
        b.assumed.append(
            f"{astray} whose spec.system names no System of the catalog, each a system of its own: "
            + _shown(m.astray)
        )
    kinds.write(b)


class _Links:
    """The integrations of a catalog, by pair of systems, and what the report says of its references."""

    def __init__(self, m: _Mapping) -> None:
        self.m = m
        self.carried: dict[tuple[str, str], set[str]] = {}
        self.inside = 0
        self.unknown: set[str] = set()
        self.unprovided: set[str] = set()
        self.wrong: list[str] = []

    def known(self, e: Entity, key: str, field: str, kinds: tuple[str, ...]) -> bool:
        """Whether ``key`` (from ``e``'s ``spec[field]``) is an entity of one of ``kinds``; else listed."""
        found = self.m.by_ref.get(key)
        if found is None:
            self.unknown.add(key)
        elif found.kind not in kinds:
            self.wrong.append(f"{e.ref} {field} {key}")
        return found is not None and found.kind in kinds

    def link(self, source: str, target: str, entity: str | None) -> None:
        """An integration from ``source`` to ``target`` (systems), carrying the API ``entity``."""
        if source == target:
            self.inside += 1
            return
        self.carried.setdefault((source, target), set()).update([entity] if entity else [])

    def read(self, parts: list[Entity]) -> None:
        """Every providesApis, consumesApis and dependsOn of the parts."""
        m, providers = self.m, defaultdict(list)
        for e in parts:
            for api in e.refs("providesApis", "api"):
                if self.known(e, api, "providesApis", ("api",)):
                    providers[api].append(m.home[e.ref])
        for e in parts:
            for api in e.refs("consumesApis", "api"):
                if self.known(e, api, "consumesApis", ("api",)) and api not in providers:
                    self.unprovided.add(api)
                for source in providers.get(api, []):
                    self.link(source, m.home[e.ref], api)
            for needed in e.refs("dependsOn", "component"):
                if self.known(e, needed, "dependsOn", ("system", *_PARTS)):
                    self.link(m.home[needed], m.home[e.ref], None)


def _integrations(b: Builder, m: _Mapping, catalog: Catalog) -> None:
    links = _Links(m)
    links.read([e for e in catalog.entities if e.kind in _PARTS])
    carried = links.carried
    for api in sorted({a for pair in carried.values() for a in pair}):
        b.add("entities", api, m.by_ref[api].title)
    placeholder = sum(1 for entities in carried.values() if not entities)
    if placeholder:
        b.add("entities", "placeholder:" + PLACEHOLDER, PLACEHOLDER)
    for (source, target), entities in carried.items():
        carries = [Ref("entities", k) for k in sorted(entities) or ["placeholder:" + PLACEHOLDER]]
        link = {"from": Ref("systems", source), "to": Ref("systems", target), "carries": carries}
        b.integrations.append(link | {"mode": "realtime"})
    b.mapped.append(f"{plural(len(carried), 'integration')} from providesApis/consumesApis and dependsOn")
    if placeholder:
        b.assumed.append(
            f"{placeholder} of {plural(len(carried), 'integration')} carry the placeholder entity "
            f"'{PLACEHOLDER}': they come from dependsOn alone, which names no data (no API between the two "
            "systems); rename it to the data they carry"
        )
    _dropped_links(b, links)


def _dropped_links(b: Builder, links: _Links) -> None:
    if links.inside:
        b.dropped.append(
            f"{plural(links.inside, 'link')} between parts of one system (inside it, not between systems)"
        )
    if links.unprovided:
        apis = plural(len(links.unprovided), "consumed API")
        unprovided = _shown(sorted(links.unprovided))
        b.dropped.append(f"{apis} that no component of the catalog provides: {unprovided}")
    if links.unknown:
        missing = sorted(links.unknown)
        b.dropped.append(
            f"{plural(len(missing), 'reference')} to entities not in the catalog: {_shown(missing)}"
        )
    if links.wrong:
        b.dropped.append(
            f"{plural(len(links.wrong), 'reference')} to an entity of another kind (providesApis and "
            f"consumesApis name APIs; dependsOn a Component, Resource or System): {_shown(links.wrong)}"
        )


def _report(b: Builder, catalog: Catalog) -> None:
    counts: dict[str, int] = defaultdict(int)
    for e in catalog.entities:
        counts[e.kind] += 1
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    b.mapped.insert(0, f"{len(catalog.entities)} entities in {plural(len(catalog.files), 'file')}: {kinds}")
    groups = plural(counts["group"], "group")
    b.mapped.append(
        f"{groups} -> teams; an owner that is a user -> the team of the user's first group "
        "(else a team named after the user)"
    )
    left = {k: n for k, n in counts.items() if k not in ("system", "component", "resource", "api", "group")}
    if left:
        b.dropped.append(
            "not imported: "
            + ", ".join(f"{n} {k}" for k, n in sorted(left.items()))
            + " (domains became tags; users give ownership only)"
        )
    for (one, label), items in (
        (("substitution", "not followed (silomap needs no API definition)"), catalog.substitutions),
        (("Location target", "not followed"), catalog.not_followed),
        (("entity", "defined twice (the first is kept)"), catalog.duplicates),
        (("symlinked file", "skipped"), catalog.skipped_links),
    ):
        if items:
            b.dropped.append(
                f"{plural(len(items), one, 'entities' if one == 'entity' else None)} {label}: {_shown(items)}"
            )
    if catalog.silomap:
        files = [f"{f.name} ({f.what})" for f in catalog.silomap]
        b.dropped.append(f"silomap's own files in the catalog, not imported: {_shown(files)}")
    if catalog.other_documents:
        b.dropped.append(
            f"{plural(catalog.other_documents, 'YAML document')} that are not entities "
            "(API definitions, empty documents)"
        )
    b.assumed.append("no journeys, questions or data held: a catalog has none; add them to measure")


def import_backstage(path: Path, data: bytes = b"", limits: Limits | None = None) -> Builder:
    """Map a Backstage catalog (a file and the files its Locations name, or a folder) to a model.

    >>> from pathlib import Path
    >>> b = import_backstage(Path("tests/data/backstage/catalog-info.yaml"))
    >>> len(b.items["systems"]), len(b.items["teams"]), len(b.integrations)
    (4, 2, 3)
    """
    catalog = read_catalog(path, limits)
    org = next(
        (e for e in catalog.entities if e.kind == "group" and e.spec.get("type") == "organization"), None
    )
    folder = path.resolve() if path.is_dir() else path.resolve().parent
    b = Builder(org.title if org else folder.name or "Backstage catalog", f"{path.name} (Backstage)")
    m = _Mapping(catalog)
    for e in (e for e in catalog.entities if e.kind == "group"):
        b.add("teams", e.ref, e.title, description=_description(b, e))
    _systems(b, m, catalog)
    _integrations(b, m, catalog)
    _report(b, catalog)
    return b
