"""What a Backstage entity states about a system's kind and whether it is external.

- the annotation ``silomap.dev/kind`` is the kind, as written (made an id where it safely can be);
- else ``spec.type``: a known kind or a synonym (``website`` -> ``web``); a type of the user's own
  that says what the system is (``meter-data``, ``payroll``) as written; a generic technical type
  (``service``, ``library``, ``database``, ``grpc-service``...) says how a part is built, not
  what the system is for: no kind;
- a System without a kind of its own takes the kind every one of its Components states, when
  they all state the same; its Resources (databases, buckets) hold its data and do not count;
- ``silomap.dev/external: "true"`` (or ``"false"``), or ``spec.type`` ``external``, ``third-party``
  or ``saas``, says the system is external; a System is external when it says so, or when every
  one of its Components does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .backstage_read import Entity
from .builder import Builder
from .kinds import KindLog, kind_id, known_kind, listed, quoted, truth

__all__ = ["EXTERNAL_ANNOTATION", "EXTERNAL_TYPES", "GENERIC_TYPES", "KIND_ANNOTATION", "Kinds"]

KIND_ANNOTATION = "silomap.dev/kind"
EXTERNAL_ANNOTATION = "silomap.dev/external"
EXTERNAL_TYPES = frozenset({"external", "third-party", "saas"})
# Backstage's well-known types and the usual technical ones: how a part is built or run. A type
# ending in one of them ("grpc-service", "java-library", "s3-bucket") is one too.
_BUILT = "service library documentation tool resource database feature-set app application frontend backend"
_RUN = "microservice api sdk cli component system job worker function lambda queue topic cache bucket"
_MORE = "storage cluster infrastructure template plugin product other"
GENERIC_TYPES = frozenset(f"{_BUILT} {_RUN} {_MORE}".split()) | EXTERNAL_TYPES


@dataclass(frozen=True)
class _Said:
    """What one entity states: a kind (and where), and external (``None``: it says nothing)."""

    kind: str | None = None
    source: str = ""
    external: bool | None = None
    type: str = ""


def _generic(made: str) -> bool:
    return made in GENERIC_TYPES or made.rsplit("-", 1)[-1] in GENERIC_TYPES


@dataclass
class Kinds:
    """The kind and ``external`` of each imported system, and what the report says of them."""

    log: KindLog = field(default_factory=KindLog)
    generic: Counter[str] = field(default_factory=Counter)
    bad_flags: list[str] = field(default_factory=list)

    def said(self, e: Entity) -> _Said:
        """What one entity states in its annotations and ``spec.type``."""
        found = e.metadata.get("annotations")
        notes: dict[str, Any] = found if isinstance(found, dict) else {}
        external = truth(notes.get(EXTERNAL_ANNOTATION))
        if external is None and EXTERNAL_ANNOTATION in notes:
            self.bad_flags.append(f"{quoted(e.title)} ({quoted(str(notes[EXTERNAL_ANNOTATION]))})")
        stated = e.spec.get("type")
        kind_type = stated.strip() if isinstance(stated, str) else ""
        if external is None and kind_type.lower() in EXTERNAL_TYPES:
            external = True
        explicit = notes.get(KIND_ANNOTATION)
        if isinstance(explicit, str) and explicit.strip():
            kind = self.log.explicit(e.title, explicit, KIND_ANNOTATION)
            return _Said(kind, KIND_ANNOTATION, external, kind_type)
        if not kind_type:
            return _Said(external=external)
        if (known := known_kind(kind_type)) is not None:
            return _Said(known, f"spec.type '{quoted(kind_type)}'", external, kind_type)
        made = kind_id(kind_type)
        if made is not None and _generic(made):
            self.generic[made] += 1
            return _Said(external=external, type=kind_type)
        own = self.log.explicit(e.title, kind_type, "spec.type")
        return _Said(own, f"spec.type '{quoted(kind_type)}'", external, kind_type)

    def count(self, e: Entity) -> None:
        """Count the generic ``spec.type`` of an entity that decides no kind (a System's Resource)."""
        stated = e.spec.get("type")
        made = kind_id(stated.strip()) if isinstance(stated, str) else None
        if made is not None and known_kind(made) is None and _generic(made):
            self.generic[made] += 1

    def fields(self, e: Entity, parts: list[Entity]) -> dict[str, Any]:
        """A system's ``kind`` and ``external`` fields: a System from itself or its Components."""
        own = self.said(e)
        kind, source, external = own.kind, own.source, own.external
        components = [self.said(p) for p in parts if p.kind == "component"] if e.kind == "system" else []
        for p in (p for p in parts if p.kind != "component" and e.kind == "system"):
            self.count(p)  # a Resource's type is counted in the report, and decides nothing
        said = {c.kind for c in components}
        if kind is None and components and len(said) == 1 and None not in said:
            whose = "its component" if len(components) == 1 else f"all {len(components)} of its components"
            kind, source = components[0].kind, f"{whose}: {components[0].source}"
        elif kind is None and len(said - {None}) >= 1 and len(components) > 1:
            types = ", ".join(sorted({quoted(c.type) or "no type" for c in components}))
            note = f"{quoted(e.title)}: its components are of different types ({types}), so 'other'"
            self.log.notes.append(note)
        if external is None and components and all(c.external for c in components):
            external = True
        return {"kind": self.log.decide(e.title, kind, source, bool(external)), "external": external or None}

    def write(self, b: Builder) -> None:
        """Add the report's lines about kinds and external systems."""
        if self.generic:
            types = ", ".join(f"{t} ({n})" for t, n in sorted(self.generic.items()))
            generic = "spec.type that says how a part is built, not what a system is for, so no kind: "
            self.log.notes.insert(0, generic + types)
        if self.bad_flags:
            flags = f"{EXTERNAL_ANNOTATION} that is neither 'true' nor 'false', not read: "
            b.dropped.append(flags + listed(self.bad_flags))
        self.log.write(b, f"no {KIND_ANNOTATION} annotation, and no spec.type saying what it is")
