"""Generated landscapes of any size, seeded: teams, kinds, domain tags, and integrations with data,
mostly inside a domain (as in a real organisation), some across. Shared by the tests and
``benchmarks/landscape_scale.py``."""

from __future__ import annotations

import random

import silomap

KINDS = ("crm", "erp", "billing", "core", "web", "mobile-app", "ticketing", "spreadsheet", "other")
MODES = ("realtime", "realtime", "realtime", "batch", "file", "manual")


def landscape(n: int, seed: int = 28) -> silomap.Model:
    """``n`` systems of ``n // 8`` teams in ``n // 25 + 2`` domains, with ``n * 1.6`` integrations
    (four in five inside a domain), each carrying one to three of 30 kinds of data."""
    rng = random.Random(seed)
    domains = [f"domain-d{i}" for i in range(n // 25 + 2)]
    teams = [silomap.Team(id=f"team-{i:02d}", name=f"Team {i:02d}") for i in range(max(1, n // 8))]
    entities = [silomap.Entity(id=f"data-{i:02d}") for i in range(30)]
    systems = []
    for i in range(n):
        domain = i * len(domains) // n
        systems.append(silomap.System(
            id=f"s{i:03d}", name=f"System {i:03d} {rng.choice(('Hub', 'Portal', 'Store', 'Engine'))}",
            kind=rng.choice(KINDS), owner=teams[i * len(teams) // n].id, tags=(domains[domain],),
            holds=tuple(e.id for e in rng.sample(entities, 2)),
        ))  # fmt: skip
    by_domain: dict[str, list[str]] = {}
    for system in systems:
        by_domain.setdefault(system.tags[0], []).append(system.id)
    links = []
    for _ in range(int(n * 1.6)):
        a = rng.choice(systems)
        pool = by_domain[a.tags[0]] if rng.random() < 0.8 else [s.id for s in systems]
        b = rng.choice([s for s in pool if s != a.id])
        data = [e.id for e in rng.sample(entities, rng.randint(1, 3))]
        links.append(silomap.Integration(source=a.id, target=b, carries=data, mode=rng.choice(MODES)))
    return silomap.Model(silomap=1, name=f"Generated {n}", teams=teams, entities=entities,
                         systems=systems, integrations=links)  # fmt: skip
