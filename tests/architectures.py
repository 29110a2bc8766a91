"""Generated FINOS CALM architectures of any size: services in a ring of ``connects``, a webclient
the customer uses, and flows over the ring. Shared by the tests and ``benchmarks/import_large.py``."""

from __future__ import annotations

SERVICES = 2_000


def architecture(flows: int, steps: int, said: int = 0, services: int = SERVICES) -> dict[str, object]:
    """A CALM architecture of ``flows`` flows of ``steps`` transitions over a ring of ``services``, each
    transition described in ``said`` characters (none: 0)."""
    nodes = [
        {"unique-id": "web", "node-type": "webclient", "name": "Web", "description": "front end"},
        {"unique-id": "customer", "node-type": "actor", "name": "Customer", "description": "who buys"},
    ]
    nodes += [{"unique-id": f"s{i}", "node-type": "service", "name": f"Service {i}"} for i in range(services)]
    rels: list[dict[str, object]] = [
        {"unique-id": "uses", "relationship-type": {"interacts": {"actor": "customer", "nodes": ["web"]}}}
    ]
    for i in range(services):
        ends = {"source": {"node": f"s{i}"}, "destination": {"node": f"s{(i + 1) % services}"}}
        rels.append({"unique-id": f"r{i}", "relationship-type": {"connects": ends}})
    listed = []
    for k in range(flows):
        moves = [{"relationship-unique-id": "uses", "sequence-number": 1}]
        for j in range(steps - 1):
            move = {"relationship-unique-id": f"r{(k + j) % services}", "sequence-number": j + 2}
            moves.append(move | ({"description": f"step {j} {'x' * said}"[:said]} if said else {}))
        listed.append({"unique-id": f"f{k}", "name": f"Flow {k}", "transitions": moves})
    return {"nodes": nodes, "relationships": rels, "flows": listed}
