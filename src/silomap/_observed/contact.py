"""Contact-center figures of a log (``docs/observed.md``, "Contact-center figures"): containment,
average handle time, and fallout per declared journey step.

- **Self-service channels** come from the model: a channel is self-service when the model's steps
  on it are all the customer's own (actor ``customer``, with a system: silomap's ``self-service``
  provider) and at least one is. A log's channel value is taken through the mapping's
  ``channels`` (log channel -> silomap channel), else as it is.
- **Containment**: the share of cases whose events with a channel are all on self-service channels
  (at least one), and that no case of the same customer follows within ``repeat_window_days`` (a
  case without a customer: the channels alone). Not measured without a channel column, or when no
  channel of the log is self-service.
- **Average handle time**: the mean, over the cases with a duration, of a case's handle time in
  seconds: the sum of its events' ``columns.duration`` (seconds), or of the time from each
  ``start`` to its ``complete`` in ``columns.lifecycle`` (the k-th start of an activity in a case
  paired with its k-th complete). Not measured without either.
- **Fallout**: per journey, its matched cases; per declared step, how many reach it, how many
  fall out after it (it is the last of the journey's steps they reach, and not the journey's last
  step), and where those go next: the activity, team and channel of the event after their last
  event of that step, or nothing (the case ends there).

The statements of :func:`prepare_contact` run while the loaded log is there (:mod:`.engine`);
:func:`contact_center` reads what they left, on any engine, in the same SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from fractions import Fraction
from typing import Any

from .._model import Model
from .codes import Names
from .compare import MATCH, _best
from .interface import Engine, literal
from .mapping import LogMapping
from .queries import unpack

__all__ = [
    "CONTACT_NOT_MEASURED",
    "case_matches",
    "contact_center",
    "prepare_contact",
    "self_service_channels",
]

CONTACT_NOT_MEASURED = "not measured"
NEXT_SHOWN = 5  # next activities, teams and channels listed per step, the most frequent


def self_service_channels(model: Model) -> tuple[str, ...]:
    """The model's channels on which every step is the customer's own, with a system.

    >>> import silomap
    >>> self_service_channels(silomap.load("models/retail-bank"))
    ('ivr', 'mobile', 'web')
    """
    own: set[str] = set()
    staffed: set[str] = set()
    for journey in model.journeys:
        for step in journey.steps:
            (own if step.actor == "customer" and step.systems else staffed).add(step.channel)
    return tuple(sorted(own - staffed))


# Each case's last event of each step, and the event after it (if any): one ordering of each case's
# events, as the figures' own, kept for the events of a step only (no copy of the log is made)
_AFTER_STEP = """
CREATE OR REPLACE TEMP TABLE after_step AS
SELECT case_id, step, k, next_k, activity, team, channel FROM (
    SELECT case_id, step, k, next_k, activity, team, channel,
           max(k) OVER (PARTITION BY case_id, step) AS last_k
    FROM (
        SELECT case_id, step, row_number() OVER w AS k, lead(pos) OVER w AS next_k,
               lead(activity) OVER w AS activity, lead(team) OVER w AS team,
               lead(channel_raw) OVER w AS channel
        FROM coded WINDOW w AS (PARTITION BY case_id ORDER BY ts, ord NULLS LAST, pos)
    ) AS s WHERE step IS NOT NULL
) AS t WHERE k = last_k
"""
_CHANNELS = """
CREATE OR REPLACE TEMP TABLE contact_channels AS
SELECT e.case_id, count(e.channel) AS with_channel, count(s.raw) AS self_served
FROM events e LEFT JOIN self_service_raw s ON s.raw = e.channel GROUP BY e.case_id
"""
_DURATIONS = """
CREATE OR REPLACE TEMP TABLE contact_handled AS
SELECT case_id, sum(TRY_CAST(duration AS DOUBLE)) AS seconds
FROM events WHERE TRY_CAST(duration AS DOUBLE) IS NOT NULL GROUP BY case_id
"""
_LIFECYCLE = """
CREATE OR REPLACE TEMP TABLE contact_handled AS
WITH lc AS (
    SELECT case_id, activity, ts, lower(lifecycle) AS t,
           row_number() OVER (PARTITION BY case_id, activity, lower(lifecycle)
                              ORDER BY ts, ord NULLS LAST, pos) AS n
    FROM events WHERE lower(lifecycle) IN ('start', 'complete')
)
SELECT a.case_id, sum(epoch_us(b.ts) - epoch_us(a.ts)) / 1000000.0 AS seconds
FROM lc a JOIN lc b ON b.case_id = a.case_id AND b.activity = a.activity AND b.n = a.n
WHERE a.t = 'start' AND b.t = 'complete' AND b.ts >= a.ts
GROUP BY a.case_id
"""


def prepare_contact(
    db: Engine, mapping: LogMapping, self_service: Collection[str], missing: Collection[str] = ()
) -> None:
    """While the loaded log is there: each case's events in order (for the fallout), its channels
    against the self-service ones, and its handle time; only what the log can give (``missing``:
    the columns it lacks, and ``steps``)."""
    channels = dict(mapping.file.channels)
    raw = [str(v) for (v,) in db.rows("SELECT raw FROM channel_values")]
    found = [(v,) for v in raw if channels.get(v, v) in self_service]
    db.table("self_service_raw", ("raw",), found)
    if "steps" not in missing:
        db.execute(_AFTER_STEP)
    if "channel" not in missing and found:
        db.execute(_CHANNELS)
    columns = mapping.file.columns
    if columns.duration is not None:
        db.execute(_DURATIONS)
    elif columns.lifecycle is not None:
        db.execute(_LIFECYCLE)


def _mean(total: Any, over: int) -> float | None:
    return float(Fraction(total).limit_denominator(10**9) / over) if over else None


def _containment(db: Engine, self_service: Collection[str], missing: dict[str, str]) -> dict[str, Any]:
    """Containment, or why it is not measured."""
    if "channel" in missing:
        return {"containment_rate": None, "contained_cases": None, "why": missing["channel"]}
    if not db.rows("SELECT count(*) FROM self_service_raw")[0][0]:
        listed = ", ".join(self_service) or "none"
        why = f"no channel of the log is self-service (the model's self-service channels: {listed})"
        return {"containment_rate": None, "contained_cases": None, "why": why}
    ((cases, contained),) = db.rows(
        "SELECT count(*), count(*) FILTER (WHERE x.with_channel > 0 AND x.self_served = x.with_channel "
        "AND (c.followed_up IS NULL OR NOT c.followed_up)) "
        "FROM cases c JOIN contact_channels x ON x.case_id = c.case_id"
    )
    rate = _mean(int(contained), int(cases))
    return {"containment_rate": rate, "contained_cases": int(contained), "why": None}


def _handle_time(db: Engine, mapping: LogMapping) -> dict[str, Any]:
    """Average handle time in seconds, or why it is not measured."""
    columns = mapping.file.columns
    if columns.duration is None and columns.lifecycle is None:
        why = "the mapping gives no duration nor lifecycle column"
        return {"average_handle_time_seconds": None, "handled_cases": None, "why": why}
    ((cases, total),) = db.rows("SELECT count(*), sum(seconds) FROM contact_handled")
    if not cases:
        name = columns.duration or columns.lifecycle
        why = f"the column {literal(str(name))} gives no duration in the log"
        return {"average_handle_time_seconds": None, "handled_cases": 0, "why": why}
    return {"average_handle_time_seconds": _mean(total, int(cases)), "handled_cases": int(cases), "why": None}


class _Funnel:
    """One journey's matched cases, step by step."""

    def __init__(self, steps: tuple[str, ...]) -> None:
        self.steps = steps
        self.cases = 0
        self.reached: Counter[str] = Counter()
        self.fell: Counter[str] = Counter()
        self.next: dict[str, dict[str, Counter[str]]] = {s: {} for s in steps}
        self.ended: Counter[str] = Counter()

    def add(self, seen: frozenset[str], cases: int) -> str | None:
        """``cases`` cases that have the journey's steps ``seen``; the step they fall out after, if any."""
        self.cases += cases
        self.reached.update({s: cases for s in self.steps if s in seen})
        last = max((i for i, s in enumerate(self.steps) if s in seen), default=None)
        if last is None or last == len(self.steps) - 1:
            return None
        self.fell[self.steps[last]] += cases
        return self.steps[last]

    def went(self, step: str, ended: bool, values: tuple[Any, Any, Any], cases: int) -> None:
        """Where ``cases`` of those that fall out after ``step`` went next (or that they ended)."""
        if ended:
            self.ended[step] += cases
            return
        for kind, value in zip(("activities", "teams", "channels"), values, strict=True):
            if value is not None:
                self.next[step].setdefault(kind, Counter())[str(value)] += cases

    def as_dict(self, journey: str) -> dict[str, Any]:
        def top(counter: Counter[str] | None) -> dict[str, int]:
            ranked = sorted((counter or Counter()).items(), key=lambda kv: (-kv[1], kv[0]))
            return dict(ranked[:NEXT_SHOWN])

        steps = [
            {
                "step": s,
                "reached": self.reached[s],
                "fell_out": self.fell[s],
                "ended": self.ended[s],
                "next": {kind: top(self.next[s].get(kind)) for kind in ("activities", "teams", "channels")},
            }
            for s in self.steps
        ]
        return {"journey": journey, "cases": self.cases, "steps": steps}


Rows = list[tuple[Any, ...]]


def _cases(rows: Iterable[tuple[Any, ...]], bits: int) -> Iterable[tuple[tuple[int, ...], Rows]]:
    """The rows of each case (ordered by case id) as its steps and its rows after each step."""
    key: Any = None
    steps: tuple[int, ...] = ()
    found: Rows = []
    for case_id, s0, s1, tail, *rest in rows:
        if case_id != key:
            if key is not None:
                yield steps, found
            key, steps, found = case_id, tuple(unpack((s0, s1), tail, bits)), []
        found.append(tuple(rest))
    if key is not None:
        yield steps, found


def case_matches(
    rows: Iterable[tuple[Any, ...]], bits: int, targets: dict[int, Any], declared: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, frozenset[str], Rows]]:
    """Each case of ``rows`` (case id, its packed steps, then columns of its own; ordered by case id)
    that follows a journey: the journey, the journey's steps it has, and its rows' own columns.
    Cases that share their steps (the most do) are matched once, as :func:`.compare.compare` does."""
    matched: dict[tuple[int, ...], Any] = {}
    for steps, found in _cases(rows, bits):
        if steps not in matched:
            matched[steps] = _best(steps, targets, declared)
        best = matched[steps]
        if best is not None and best[0] >= MATCH:
            yield best[1], best[2], found


# A case's steps as one text, the same on both sides of a join in one engine (as ``_TKEY`` in queries)
_SKEY = "concat_ws(' ', CAST({p}s0 AS VARCHAR), CAST({p}s1 AS VARCHAR), CAST({p}s_tail AS VARCHAR))"
# Where the cases that fall out after a step go: for each case, its last event of the step (the
# greatest rank among the step's codes), then the event after it; counted by where they went
_WENT = """
SELECT journey, step, ended, activity, team, channel, count(*) FROM (
    SELECT m.journey, m.step, CASE WHEN a.next_k IS NULL THEN 1 ELSE 0 END AS ended, a.activity,
           t.v AS team, a.channel
    FROM (SELECT b.case_id, r.journey, r.step, max(a.k) AS k
          FROM case_base b JOIN fallout_rule r ON r.skey = {skey}
          JOIN after_step a ON a.case_id = b.case_id AND CAST(a.step AS VARCHAR) = r.code
          GROUP BY b.case_id, r.journey, r.step) AS m
    JOIN after_step a ON a.case_id = m.case_id AND a.k = m.k
    LEFT JOIN team_codes t ON t.code = a.team
) AS w GROUP BY journey, step, ended, activity, team, channel
"""


def _fallout(db: Engine, model: Model, bits: int) -> list[dict[str, Any]]:
    """Each journey's funnel, from its variants (cases that share their steps) matched once, and
    where those that fall out went, counted by the engine."""
    targets = Names(db).targets()
    declared = {j.id: tuple(s.id for s in j.steps) for j in model.journeys}
    funnels = {j: _Funnel(steps) for j, steps in declared.items()}
    mask = (1 << bits) - 1
    variants = db.stream(
        f"SELECT skey, s0, s1, [x & {mask} FOR x IN s_tail], n FROM (SELECT {_SKEY.format(p='')} AS skey, "
        "s0, s1, s_tail, count(*) AS n FROM case_base GROUP BY s0, s1, s_tail) AS v"
    )
    rules: list[tuple[str, str, str, str]] = []
    for skey, s0, s1, tail, n in variants:
        steps = tuple(unpack((s0, s1), tail, bits))
        best = _best(steps, targets, declared)
        if best is None or best[0] < MATCH or (step := funnels[best[1]].add(best[2], int(n))) is None:
            continue
        codes = {c for c in steps if any(j == best[1] and step in found for j, found in targets[c])}
        rules += [(str(skey), str(code), best[1], step) for code in sorted(codes)]
    if rules:
        db.table("fallout_rule", ("skey", "code", "journey", "step"), rules)
        for journey, step, ended, activity, team, channel, n in db.rows(
            _WENT.format(skey=_SKEY.format(p="b."))
        ):
            funnels[str(journey)].went(str(step), bool(ended), (activity, team, channel), int(n))
    return [funnels[j].as_dict(j) for j in declared if funnels[j].cases]


def contact_center(
    db: Engine, model: Model, mapping: LogMapping, missing: dict[str, str], bits: int
) -> dict[str, Any]:
    """The ``contact_center`` block of the JSON: containment, average handle time, fallout; each
    figure that cannot be measured ``None``, and ``not_measured`` says why."""
    self_service = self_service_channels(model)
    contained = _containment(db, self_service, missing)
    handled = _handle_time(db, mapping)
    why = {k: v.pop("why") for k, v in (("containment", contained), ("average_handle_time", handled))}
    return {
        "self_service_channels": list(self_service),
        **contained,
        **handled,
        "fallout": None if "steps" in missing else _fallout(db, model, bits),
        "not_measured": {k: v for k, v in why.items() if v is not None},
    }
