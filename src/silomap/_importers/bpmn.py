"""Import BPMN 2.0 collaborations and processes (.bpmn).

- each process with tasks -> a journey, named after its pool (participant);
- lanes -> teams; a pool without lanes -> one team; a pool or lane named like
  a customer ("customer", "client", "applicant") -> the customer;
- tasks, in sequence-flow order from the start events -> steps;
- data stores a task reads or writes -> systems the step uses; a system's kind and ``external``
  only from an extension property ``kind`` / ``external`` of its data store (Camunda's and
  Zeebe's ``<property name="kind" value="crm"/>``), never from its name;
- data objects a task writes -> captures; that it reads -> reads;
- tasks with a message flow to or from a customer pool -> customer-facing steps.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from .._text import plural
from .builder import Builder, Ref, Scoped
from .kinds import KindLog, quoted, truth
from .safe_xml import parse_xml
from .sniff import expect_xml

__all__ = ["import_bpmn"]

NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
TASKS = (
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "scriptTask",
    "businessRuleTask",
    "callActivity",
    "subProcess",
)
# the whole name must say it: "Private Customer Account Manager" is staff, not the customer
CUSTOMER = re.compile(
    r"(the |private |corporate |new |prospective )?(customer|client|applicant|patient|citizen)s?", re.I
)
STAGES = ((re.compile(r"onboard|apply|application|order|sale|purchase|sign", re.I), "sales"),
          (re.compile(r"enquir|inquir|browse|compare|lead|discover", re.I), "discovery"))  # fmt: skip


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def import_bpmn(path: Path, data: bytes) -> Builder:
    """Map BPMN processes to silomap journeys.

    >>> from pathlib import Path
    >>> p = Path("tests/data/bpmn/miwg_C.5.0.bpmn")
    >>> b = import_bpmn(p, p.read_bytes())
    >>> len(b.journeys), sum(len(j["steps"]) for j in b.journeys), len(b.items["systems"])
    (2, 19, 2)
    """
    root = parse_xml(path, data)
    expect_xml(path, root, "bpmn", "BPMN 2.0")
    b = Builder(path.stem, f"{path.name} (BPMN)")
    _give_ids(b, root)
    skipped = _journeys(b, root)
    _report(b, root, skipped)
    return b


def _journeys(b: Builder, root: Any) -> int:
    """Add a journey for each process with tasks; return how many processes were skipped."""
    pools = {p.get("processRef"): p for p in root.iter(f"{NS}participant") if p.get("processRef")}
    customer_pools = {
        p.get("id")
        for p in root.iter(f"{NS}participant")
        if CUSTOMER.fullmatch((p.get("name") or "").strip())
    }
    stores = {s.get("id"): s.get("name") or s.get("id") for s in root.iter(f"{NS}dataStore")}
    customer_facing = _customer_facing(root, customer_pools)
    skipped = 0
    for process in root.iter(f"{NS}process"):
        pool = pools.get(process.get("id"))
        title = (
            (pool.get("name") if pool is not None else None) or process.get("name") or process.get("id", "")
        )
        tasks = [el for el in process if _local(el.tag) in TASKS]
        if not tasks or (pool is not None and pool.get("id") in customer_pools):
            skipped += 1
            continue
        steps = _steps(b, process, tasks, title, stores, customer_facing)
        words = f"{title} {process.get('name') or ''}"
        stage = next((name for pattern, name in STAGES if pattern.search(words)), "after-sales")
        key = process.get("id", "")
        b.journeys.append(
            {
                "id": Scoped("journeys", key, title),
                "name": title,
                "stage": stage,
                "source_id": key,
                "steps": steps,
            }
        )
    return skipped


def _customer_facing(root: Any, customer_pools: set[str | None]) -> set[str]:
    """The ids of the elements a message flow joins to one of the customer's pools."""
    facing: set[str] = set()
    for flow in root.iter(f"{NS}messageFlow"):
        if flow.get("sourceRef") in customer_pools:
            facing.add(flow.get("targetRef", ""))
        if flow.get("targetRef") in customer_pools:
            facing.add(flow.get("sourceRef", ""))
    return facing


def _report(b: Builder, root: Any, skipped: int) -> None:
    """Say in the import report what became what, and what was assumed or left out."""
    b.mapped.append(
        f"{len(b.journeys)} processes with tasks -> journeys; "
        f"{sum(len(j['steps']) for j in b.journeys)} tasks -> steps"
    )
    b.mapped.append(f"{len(b.items['teams'])} lanes and lane-less pools -> teams")
    b.mapped.append(
        f"{len(b.items['systems'])} data stores -> systems; "
        f"{len(b.items['entities'])} data objects -> entities"
    )
    _store_kinds(b, root)
    if skipped:
        b.dropped.append(f"{skipped} processes with no tasks, or of the customer's own pool")
    b.assumed.append(
        "stage from the process name: onboarding, applying or ordering is 'sales'; enquiring or "
        "comparing is 'discovery'; anything else 'after-sales'"
    )
    b.assumed.append("steps are 'internal', and 'web' where a message flow joins them to the customer")
    b.dropped.append(
        "gateways and events (their order is kept in the steps' order), and no integrations: BPMN has none"
    )


def _give_ids(b: Builder, root: Any) -> None:
    """Give every process and task without an ``id`` one from its place, and say so.

    Nothing can refer to such an element (a lane, a sequence flow), so its
    step comes after the steps in flow order; a task with no name is named
    by its id.
    """
    taken = {el.get("id") for el in root.iter() if el.get("id")}
    missing = {"process": 0, "task": 0}
    for process in root.iter(f"{NS}process"):
        for el in [process, *(el for el in process if _local(el.tag) in TASKS)]:
            if el.get("id"):
                continue
            kind = "process" if el is process else "task"
            missing[kind] += 1
            ident = f"{kind}-without-id-{missing[kind]}"
            while ident in taken:
                ident += "-x"
            taken.add(ident)
            el.set("id", ident)
    if missing["process"]:
        b.assumed.append(
            f"{plural(missing['process'], 'process', 'processes')} had no id: given process-without-id-1, "
            "... in order"
        )
    if missing["task"]:
        tasks = plural(missing["task"], "task")
        b.assumed.append(
            f"{tasks} had no id: given task-without-id-1, ... in order; "
            "nothing can refer to them, so their steps come last"
        )
    unnamed = sum(1 for el in root.iter() if _local(el.tag) in TASKS and not (el.get("name") or "").strip())
    if unnamed:
        have = "has" if unnamed == 1 else "have"
        b.assumed.append(f"{plural(unnamed, 'task')} {have} no name: their steps are named by the task's id")


def _steps(
    b: Builder,
    process: Any,
    tasks: list[Any],
    title: str,
    stores: dict[str | None, str | None],
    customer_facing: set[str],
) -> list[dict[str, Any]]:
    lane_of: dict[str, str] = {}
    for lane in process.iter(f"{NS}lane"):
        name = lane.get("name") or lane.get("id", "")
        for ref in lane.iter(f"{NS}flowNodeRef"):
            lane_of[(ref.text or "").strip()] = name
    names = {el.get("id"): el.get("name") for el in process}
    objects = {
        el.get("id"): el.get("name") or el.get("id")
        for el in process
        if _local(el.tag) == "dataObjectReference"
    }
    store_refs = {
        el.get("id"): stores.get(el.get("dataStoreRef")) or el.get("name") or el.get("id")
        for el in process
        if _local(el.tag) == "dataStoreReference"
    }
    by_id = {t.get("id"): t for t in tasks}
    steps = []
    for key in _ordered_tasks(process, tasks):
        lane = lane_of.get(key) or title
        if CUSTOMER.fullmatch(lane.strip()):
            actor: Any = "customer"
        else:
            b.add("teams", f"team:{lane}", lane)
            actor = Ref("teams", f"team:{lane}")
        systems, captures, reads = _task_data(b, by_id[key], store_refs, objects)
        steps.append(
            {
                "id": Scoped(f"steps:{process.get('id')}", key, names.get(key) or key),
                "name": names.get(key) or key,
                "actor": actor,
                "channel": "web" if key in customer_facing else "internal",
                "systems": [Ref("systems", s) for s in systems],
                "captures": [Ref("entities", e) for e in captures],
                "reads": [Ref("entities", e) for e in reads],
                "source_id": key,
            }
        )
    return steps


def _ordered_tasks(process: Any, tasks: list[Any]) -> list[str]:
    """Task ids in sequence-flow order from the start events, then any unreached, in document order."""
    following: dict[str, list[str]] = defaultdict(list)
    for flow in process.iter(f"{NS}sequenceFlow"):
        following[flow.get("sourceRef", "")].append(flow.get("targetRef", ""))
    order = _flow_order(process, following)
    task_ids = {t.get("id") for t in tasks}
    return [t for t in order if t in task_ids] + [t.get("id") for t in tasks if t.get("id") not in order]


def _task_data(
    b: Builder, task: Any, store_refs: dict[str, str], objects: dict[str, str]
) -> tuple[list[str], list[str], list[str]]:
    """The systems (data stores), captures and reads (data objects) of one task."""
    systems: list[str] = []
    captures: list[str] = []
    reads: list[str] = []
    for assoc in task:
        kind = _local(assoc.tag)
        if kind not in ("dataOutputAssociation", "dataInputAssociation"):
            continue
        ref_tag = "targetRef" if kind == "dataOutputAssociation" else "sourceRef"
        for ref in assoc.iter(f"{NS}{ref_tag}"):
            target = (ref.text or "").strip()
            if target in store_refs:
                b.add("systems", f"store:{store_refs[target]}", str(store_refs[target]))
                if f"store:{store_refs[target]}" not in systems:
                    systems.append(f"store:{store_refs[target]}")
            elif target in objects:
                entity = b.entity_named(str(objects[target]))
                bucket = captures if kind == "dataOutputAssociation" else reads
                if entity not in bucket:
                    bucket.append(entity)
    return systems, captures, reads


def _properties(element: Any) -> dict[str, str]:
    """The ``kind`` and ``external`` properties in an element's extension elements, any vendor's."""
    found: dict[str, str] = {}
    for extension in element.findall(f"{NS}extensionElements"):
        for node in extension.iter():
            name, value = node.get("name"), node.get("value")
            if _local(str(node.tag)) == "property" and name in ("kind", "external") and value is not None:
                found.setdefault(name, value)
    return found


def _store_kinds(b: Builder, root: Any) -> None:
    """Each data store's kind and ``external``, where its properties (or its references') state them."""
    names = {s.get("id"): s.get("name") or s.get("id") for s in root.iter(f"{NS}dataStore")}
    said: dict[str, list[dict[str, str]]] = defaultdict(list)
    for store in root.iter(f"{NS}dataStore"):
        said[f"store:{names[store.get('id')]}"].append(_properties(store))
    for ref in root.iter(f"{NS}dataStoreReference"):
        name = names.get(ref.get("dataStoreRef")) or ref.get("name") or ref.get("id")
        said[f"store:{name}"].append(_properties(ref))
    log = KindLog()
    for item in b.items["systems"]:
        kinds = {p["kind"] for p in said.get(item.key, []) if "kind" in p}
        flags = {p["external"]: truth(p["external"]) for p in said.get(item.key, []) if "external" in p}
        kind = None
        if len(kinds) > 1:
            stated = ", ".join(sorted(quoted(k) for k in kinds))
            log.notes.append(
                f"{quoted(item.name)}: its data stores state different kinds ({stated}), so 'other'"
            )
        elif kinds:
            kind = log.explicit(item.name, kinds.pop(), "property kind")
        if None in flags.values():
            unread = ", ".join(quoted(text) for text, flag in flags.items() if flag is None)
            log.notes.append(
                f"{quoted(item.name)}: property external is neither true nor false ({unread}): not read"
            )
        external = set(flags.values()) == {True}
        item.fields["kind"] = log.decide(item.name, kind, "property kind", external)
        item.fields["external"] = external or None
    log.write(b, "no extension property 'kind' on its data store; a name is no kind")


def _flow_order(process: Any, following: dict[str, list[str]]) -> list[str]:
    """Flow nodes in breadth-first order from the start events, ties in document order."""
    position = {el.get("id"): i for i, el in enumerate(process)}
    starts = [el.get("id", "") for el in process if _local(el.tag) == "startEvent"]
    seen, queue, out = set(starts), deque(starts), []
    while queue:
        node = queue.popleft()
        out.append(node)
        for nxt in sorted(following.get(node, []), key=lambda n: position.get(n, 10**9)):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return out
