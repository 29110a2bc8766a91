"""The watch engine (``watch.md``): events in, open cases kept, closed cases folded, summaries and
alerts out.

An event is a source's record read into the mapped values (:data:`.fields.Event`: the source's
name, the physical line, the values of :class:`.fields.Fields`, a ``missing`` value null, as observe
reads them); :meth:`Watch.event` reads a row by column name (:data:`Row`) the same way. The engine
drops a duplicate event id, warns of a late event, closes the cases idle before it (by last event,
then case id), folds the event into its case (:mod:`.cases`) and closes the case at a ``close``
activity. A closed case's figures fold into :mod:`.totals`; its id is remembered a while, and a
later event of it opens ``ID#k``. Nothing is kept per event.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._metrics import analyze
from .._model import Model
from .._observed import LogMapping
from .alerts import Rolling
from .cases import IDS, Case, Steps
from .customers import Customers, Entry
from .fields import Fields, Values
from .notices import DUPLICATE, LATE, MALFORMED, Notices
from .times import HOUR, SECOND, Clock, shown
from .totals import Seen, Totals

__all__ = ["Options", "Row", "Watch"]

Row = tuple[str, int, Mapping[str, str | None]]
NONE: tuple[dict[str, Any], ...] = ()  # no alert
SELF_SERVICE = "self-service"
REMEMBERED = 72 * HOUR  # how long a closed id is remembered with --idle off


@dataclass(frozen=True)
class Options:
    """The watch's options (``watch.md``): ``idle`` in microseconds (``None``: off), ``every``
    seconds of wall time between summaries (0: none), ``every_events`` accepted events between
    summaries, the at-risk threshold and the alerts' margin and window."""

    idle: int | None = 72 * HOUR
    every: float = 10.0
    every_events: int | None = None
    alert_transfers: int = 2
    alert_margin: float = 1.0
    rolling: int = 100


def _targets(mapping: LogMapping, declared: dict[str, tuple[str, ...]]) -> dict[str, Steps]:
    """Each mapped activity's steps, grouped by journey (as observe's ``Names.targets``)."""
    out: dict[str, Steps] = {}
    for activity, pairs in mapping.steps.items():
        by: dict[str, set[str]] = {}
        for journey, step in pairs:
            if journey in declared:
                by.setdefault(journey, set()).add(step)
        out[activity] = tuple((j, frozenset(s)) for j, s in by.items())
    return out


class Watch:
    """The state of one watch: open cases, customers in the window, remembered ids, the closed
    cases' totals and the alerts' windows."""

    def __init__(self, model: Model, mapping: LogMapping, options: Options, notices: Notices) -> None:
        analysis = analyze(model)
        f = mapping.file
        self.options, self.notices = options, notices
        self.fields = Fields(mapping)
        self.clock = Clock(f.timestamp_format)
        self.teams, self.systems = dict(f.teams), dict(f.systems)
        self.portal, self.close = frozenset(f.self_service), frozenset(f.close)
        self.totals = Totals(model, analysis, mapping)
        self.declared = self.totals.declared
        self.targets = _targets(mapping, self.declared)
        self.pairs = frozenset(
            (h.from_provider, h.to_provider)
            for j in model.journeys
            for h in analysis.journey(j.id).handoff_at
        )
        self.seen = Seen()
        self.customers = Customers(round(f.repeat_window_days * 86_400) * SECOND)
        self.rolling = {
            j: Rolling(
                j, size=options.rolling, declared=analysis.journey(j).handoffs, margin=options.alert_margin
            )
            for j in self.declared
        }
        self.open: dict[str, Case] = {}
        self.remembered: OrderedDict[str, tuple[int, int]] = OrderedDict()  # id: (k, stream time closed)
        self.due: list[tuple[int, str, int, Case]] = []  # (last at push, name, n, case): idle order
        self.pushed = 0
        self.now: int | None = None
        self.idle = options.idle or 0
        self.accepted = self.reopened = 0

    def event(self, source: str, line: int, row: Mapping[str, str | None]) -> Sequence[dict[str, Any]]:
        """Take one row by column name; return the alerts it raises or clears (usually none)."""
        return self.take(source, line, self.fields.of(row))

    def take(self, source: str, line: int, values: Values) -> Sequence[dict[str, Any]]:
        """Take one event's mapped values (:class:`.fields.Fields`); return the alerts it raises or clears."""
        base, text, activity, resource, group, channel, system, customer, eid = values
        if base is None or text is None:
            what = "no case id" if base is None else "no timestamp"
            self.notices(source, line, MALFORMED, f"{what}: the line is skipped")
            return NONE
        ts = self.clock(text)
        if ts is None:
            self.notices(source, line, MALFORMED, f"not a timestamp: {text[:60]!r}: the line is skipped")
            return NONE
        case = self.open.get(base)
        if case is not None and eid is not None and case.ids is not None and eid in case.ids:
            self.notices(
                source, line, DUPLICATE, f"event {eid[:60]!r} of case {base[:60]!r} is a duplicate: dropped"
            )
            return NONE
        self.accepted += 1
        now = self.now
        if now is None or ts > now:
            self.now = now = ts
        alerts: Sequence[dict[str, Any]] = NONE
        if (due := self.due) and due[0][0] < now - self.idle:
            alerts = self._idle(now)
            case = self.open.get(base)
        starts = self.customers.starts
        if starts and starts[0][0] < now - self.customers.horizon:
            self.customers.forget(now)
        if case is None:
            case = self._open(base, ts)
        elif ts < case.last:
            self.notices(
                source, line, LATE, f"event of case {base[:60]!r} is older than its last: applied here"
            )
        if eid is not None:
            if case.ids is None:
                case.ids = deque(maxlen=IDS)
            case.ids.append(eid)
        self._apply(case, ts, activity, resource, group)
        self._more(case, channel, system, customer)
        if activity is not None and activity in self.close:
            return [*alerts, *self._close(case)]
        return alerts

    def _open(self, base: str, ts: int) -> Case:
        """A new case: ``ID``, or ``ID#k`` for the k-th reopening of a remembered id."""
        now = self.now or ts
        keep = self.options.idle or REMEMBERED
        remembered = self.remembered
        while remembered and next(iter(remembered.values()))[1] < now - keep:
            remembered.popitem(last=False)
        k = 0
        if remembered and (known := remembered.pop(base, None)) is not None:
            k = known[0] + 1
            self.reopened += 1
        case = self.open[base] = Case(base, k, ts)
        if self.options.idle is not None:
            self.pushed += 1
            heapq.heappush(self.due, (ts, case.name, self.pushed, case))
        return case

    def _apply(
        self, case: Case, ts: int, activity: str | None, resource: str | None, group: str | None
    ) -> None:
        """Fold an event's time, steps, resource and team into its case, and into the matrices and
        the unmapped values."""
        seen = self.seen
        case.events += 1
        if ts > case.last:
            case.last = ts
        team = None
        if resource is not None:
            seen.filled["resource"] += 1
            if (before := case.resource) != resource:
                case.resource = resource
                if before is not None:
                    case.handoffs += 1
                    seen.handoffs[before, resource] += 1
            if resource in self.portal:
                team = SELF_SERVICE
        if group is not None:
            seen.filled["group"] += 1
            if (mapped := self.teams.get(group)) is None:
                seen.unmapped["groups"].add(group)
                mapped = group
            team = team or mapped
        if team is not None and team != case.team and (pair := case.team_pair(team, self.pairs)):
            seen.transfers[pair] += 1
        if activity is not None:
            if (steps := self.targets.get(activity)) is None:
                seen.unmapped["activities"].add(activity)
            else:
                case.take_steps(steps, self.declared)

    def _more(self, case: Case, channel: str | None, system: str | None, customer: str | None) -> None:
        """Fold an event's channel, system and customer into its case."""
        seen = self.seen
        if channel is not None:
            seen.filled["channel"] += 1
            if channel != "internal" and channel != case.channel:
                case.switches += case.channel is not None
                case.channel = channel
        if system is not None:
            seen.filled["system"] += 1
            if (mapped := self.systems.get(system)) is None:
                seen.unmapped["systems"].add(system)
                mapped = system
            case.systems.add(mapped)
        if customer is not None:
            seen.filled["customer"] += 1
            if case.customer is None:
                case.customer = customer
                case.entry = entry = Entry(case.start, case.name, customer)
                self.customers.add(entry)

    def _idle(self, now: int) -> list[dict[str, Any]]:
        """Close the cases idle at ``now``, by last event then case id; their alerts."""
        cutoff = now - self.idle
        due: list[Case] = []
        while self.due and self.due[0][0] < cutoff:
            _, name, n, case = heapq.heappop(self.due)
            if self.open.get(case.base) is not case:
                continue
            if case.last < cutoff:
                due.append(case)
            else:
                heapq.heappush(self.due, (case.last, name, n, case))
        due.sort(key=lambda c: (c.last, c.name))
        return [alert for case in due for alert in self._close(case)]

    def _close(self, case: Case) -> list[dict[str, Any]]:
        """Fold a case into the totals; it leaves the state, its id remembered."""
        del self.open[case.base]
        self.remembered[case.base] = (case.k, self.now or case.last)
        self.remembered.move_to_end(case.base)
        journey = self.totals.add(case)
        if isinstance(case.entry, Entry):
            self.customers.close(case.entry, case.transfers)
        if journey is None:
            return []
        rolling = self.rolling[journey]
        state = rolling.add(case.transfers)
        return [] if state is None else [rolling.alert(state, shown(self.now))]

    def finish(self) -> list[dict[str, Any]]:
        """End of input: close every open case (by last event, then case id); their alerts."""
        rest = sorted(self.open.values(), key=lambda c: (c.last, c.name))
        self.due.clear()
        return [alert for case in rest for alert in self._close(case)]

    def summary(self, *, final: bool, files_read: int = 0) -> dict[str, Any]:
        """The summary object of ``watch.md``."""
        counts = self.notices.counts
        return {
            "type": "summary",
            "final": final,
            "stream_time": shown(self.now),
            "events_read": self.accepted,
            "files_read": files_read,
            "malformed": counts[MALFORMED],
            "late": counts[LATE],
            "duplicates": counts[DUPLICATE],
            "reopened": self.reopened,
            "open_cases": len(self.open),
            "fcr_pending": 0 if final else self.customers.pending,  # at the end, nothing can change
            "at_risk": self.at_risk(),
            **self.totals.figures(self.seen, self.customers, final=final),
        }

    def at_risk(self) -> list[dict[str, Any]]:
        """The open cases with ``--alert-transfers`` transfers or more, a ping-pong or a repeat
        contact: most transfers first, then case id."""
        out = []
        for case in self.open.values():
            repeat = case.entry.repeat if isinstance(case.entry, Entry) else None
            why = [
                name
                for name, hit in (
                    ("transfers", case.transfers >= self.options.alert_transfers),
                    ("ping_pong", case.pings >= 1),
                    ("repeat", bool(repeat)),
                )
                if hit
            ]
            if why:
                out.append(_risk(case, case.journey(self.declared), repeat, why))
        out.sort(key=lambda r: (-r["transfers"], r["case"]))
        return out

    def feed(self, rows: Iterable[Row]) -> None:
        """Take rows by column name, discarding the alerts (for tests and tools)."""
        for source, line, row in rows:
            self.event(source, line, row)


def _risk(case: Case, found: Any, repeat: bool | None, why: list[str]) -> dict[str, Any]:
    return {
        "case": case.name,
        "customer": case.customer,
        "journey": None if found is None else found[1],
        "fitness": None if found is None else float(found[0]),
        "start": shown(case.start),
        "last": shown(case.last),
        "events": case.events,
        "transfers": case.transfers,
        "ping_pong": case.pings,
        "repeat": repeat,
        "why": why,
    }
