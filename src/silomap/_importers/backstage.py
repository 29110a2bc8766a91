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
from .builder import Builder, Ref, slug

__all__ = ["import_backstage"]

_PARTS = ("component", "resource")
PLACEHOLDER = "unspecified data"
SHOWN = 5


def _shown(items: list[str]) -> str:
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


class _Mapping:
    """The catalog's entities by reference, and the system each part folds into."""

    def __init__(self, catalog: Catalog) -> None:
        self.by_ref = {e.ref: e for e in catalog.entities}
        self.home: dict[str, str] = {}
        self.parts: dict[str, list[Entity]] = defaultdict(list)
        for e in catalog.entities:
            if e.kind == "system":
                self.home[e.ref] = e.ref
        for e in (e for e in catalog.entities if e.kind in _PARTS):
            system = next(iter(e.refs("system", "system")), None)
            self.home[e.ref] = system if system in self.by_ref else e.ref
            self.parts[self.home[e.ref]].append(e)

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
        description = e.metadata.get("description")
        deprecated = bool(parts) and all(
            str(p.spec.get("lifecycle", "")).lower() == "deprecated" for p in parts
        )
        b.add(
            "systems",
            e.ref,
            e.title,
            owner=Ref("teams", owner) if owner else None,
            tags=_tags(e, domain),
            description=description if isinstance(description, str) else None,
            lifecycle="phasing-out" if deprecated else None,
            **kinds.fields(e, parts),
        )
    for key in sorted(owners):
        if not b.has("teams", key):
            b.add("teams", key, m.by_ref[key].title if key in m.by_ref else key.split("/")[-1])
    folded = [f"{m.by_ref[s].title} ({len(p)})" for s, p in m.parts.items() if m.by_ref[s].kind == "system"]
    if folded:
        b.mapped.append("components and resources folded into their system: " + _shown(folded))
    kinds.write(b)


def _integrations(b: Builder, m: _Mapping, catalog: Catalog) -> None:
    carried: dict[tuple[str, str], set[str]] = {}
    inside, unknown, unprovided = 0, [], set()
    providers: dict[str, list[str]] = defaultdict(list)
    for e in (e for e in catalog.entities if e.kind in _PARTS):
        for api in e.refs("providesApis", "api"):
            providers[api].append(m.home[e.ref])

    def link(source: str, target: str, entity: str | None) -> None:
        nonlocal inside
        if source == target:
            inside += 1
            return
        carried.setdefault((source, target), set()).update([entity] if entity else [])

    for e in (e for e in catalog.entities if e.kind in _PARTS):
        for api in e.refs("consumesApis", "api"):
            if api not in m.by_ref:
                unknown.append(api)
            elif api not in providers:
                unprovided.add(api)
            for source in providers.get(api, []):
                link(source, m.home[e.ref], api)
        for needed in e.refs("dependsOn", "component"):
            if needed not in m.home:
                unknown.append(needed)
            else:
                link(m.home[needed], m.home[e.ref], None)
    for api in sorted({a for pair in carried.values() for a in pair}):
        b.add("entities", api, m.by_ref[api].title)
    placeholder = any(not entities for entities in carried.values())
    if placeholder:
        b.add("entities", "placeholder:" + PLACEHOLDER, PLACEHOLDER)
    for (source, target), entities in carried.items():
        keys = sorted(entities) or ["placeholder:" + PLACEHOLDER]
        carries = [Ref("entities", k) for k in keys]
        b.integrations.append({"from": Ref("systems", source), "to": Ref("systems", target),
                               "carries": carries, "mode": "realtime"})  # fmt: skip
    b.mapped.append(f"{plural(len(carried), 'integration')} from providesApis/consumesApis and dependsOn")
    if placeholder:
        b.assumed.append(f"dependsOn names no data: those integrations carry the placeholder entity "
                         f"'{PLACEHOLDER}'; rename it to the data they carry")  # fmt: skip
    if inside:
        b.dropped.append(
            f"{plural(inside, 'link')} between parts of one system (inside it, not between systems)"
        )
    if unprovided:
        b.dropped.append(f"{plural(len(unprovided), 'consumed API')} that no component of the catalog "
                         f"provides: {_shown(sorted(unprovided))}")  # fmt: skip
    if unknown:
        missing = sorted(set(unknown))
        b.dropped.append(
            f"{plural(len(missing), 'reference')} to entities not in the catalog: {_shown(missing)}"
        )


def _report(b: Builder, catalog: Catalog) -> None:
    counts: dict[str, int] = defaultdict(int)
    for e in catalog.entities:
        counts[e.kind] += 1
    b.mapped.insert(0, f"{len(catalog.entities)} entities in {len(catalog.files)} files: " + ", ".join(
        f"{n} {k}" for k, n in sorted(counts.items())))  # fmt: skip
    groups = plural(counts["group"], "group")
    b.mapped.append(f"{groups} -> teams; an owner that is a user -> the team of the user's first group "
                    "(else a team named after the user)")  # fmt: skip
    left = {k: n for k, n in counts.items() if k not in ("system", "component", "resource", "api", "group")}
    if left:
        b.dropped.append("not imported: " + ", ".join(f"{n} {k}" for k, n in sorted(left.items()))
                         + " (domains became tags; users give ownership only)")  # fmt: skip
    for (one, label), items in ((("substitution", "not followed (silomap needs no API definition)"),
                                 catalog.substitutions),
                                (("Location target", "not followed"), catalog.not_followed),
                                (("entity", "defined twice (the first is kept)"), catalog.duplicates),
                                (("symlinked file", "skipped"), catalog.skipped_links)):  # fmt: skip
        if items:
            b.dropped.append(f"{plural(len(items), one, 'entities' if one == 'entity' else None)} {label}: "
                             f"{_shown(items)}")  # fmt: skip
    if catalog.other_documents:
        b.dropped.append(f"{plural(catalog.other_documents, 'YAML document')} that are not entities "
                         "(API definitions, empty documents)")  # fmt: skip
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
        b.add("teams", e.ref, e.title, description=e.metadata.get("description"))
    _systems(b, m, catalog)
    _integrations(b, m, catalog)
    _report(b, catalog)
    return b
