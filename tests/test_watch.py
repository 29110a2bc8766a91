"""silomap watch (watch.md), worked by hand: the at-risk list at a cut point, an alert raised then
cleared, bad lines located, idle closing and reopening, and the state bounded."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest

import silomap
from silomap._observed import load_mapping
from silomap._watch import Notices, Options, Watch

from .conftest import DATA

OBS = DATA / "observed"
HEADER = "case,activity,time,resource,group,channel,system,customer\n"


@pytest.fixture(scope="module")
def tiny():
    return silomap.load(OBS / "tiny-model.yaml")


def run(model, text: str, mapping=OBS / "tiny.yaml", **options) -> tuple[list[dict], list[str]]:
    warnings: list[str] = []
    found = silomap.watch(
        model, mapping, source=io.StringIO(text), every=0, on_warning=warnings.append, **options
    )
    return [o.to_json() for o in found], warnings


# Ten events of four cases (tiny.yaml: Level 1 -> l1, Level 2 -> l2, bot is self-service; fix is
# queue, work, close with l1 -> l2 -> l1, so 2 hand-offs declared)
TEN = HEADER + (
    "a,Queue,2026-01-01T09:00:00,ann,Level 1,phone,CRM,u1\n"
    "b,Queue,2026-01-01T09:01:00,cid,Level 1,phone,CRM,u2\n"
    "a,Work,2026-01-01T09:10:00,bob,Level 2,internal,ERP,u1\n"
    "b,Work,2026-01-01T09:12:00,dan,Level 2,internal,ERP,u2\n"
    "a,Queue,2026-01-01T09:20:00,ann,Level 1,phone,CRM,u1\n"
    "c,Queue,2026-01-01T09:25:00,eve,Level 1,phone,CRM,u1\n"
    "b,Close,2026-01-01T09:30:00,cid,Level 1,email,CRM,u2\n"
    "d,Queue,2026-01-01T09:31:00,bot,,web,portal,u3\n"
    "d,Queue,2026-01-01T09:32:00,ann,Level 1,phone,CRM,u3\n"
    "a,Work,2026-01-01T09:40:00,bob,Level 2,internal,ERP,u1\n"
)


def test_the_at_risk_list_at_a_cut_point_by_hand(tiny):
    objects, warnings = run(tiny, TEN, every_events=9)
    cut = objects[0]  # after the 9th event
    assert (cut["final"], cut["events_read"], cut["open_cases"], cut["cases"]) == (False, 9, 4, 0)
    # a: teams l1 l2 l1 -> 2 transfers; segment 3 (l1) equals segment 1: a ping-pong; u1's first case.
    #    steps queue work queue against queue work close: LCS 2, cost 3 + 3 - 4 = 2, fitness 1 - 2/6
    # b: l1 l2 l1 -> 2 transfers, 1 ping-pong; queue work close: fitness 1
    # c: one event, no transfer; u1's case a started 25 minutes before (window 7 days): a repeat;
    #    queue alone: LCS 1, cost 1 + 3 - 2 = 2, fitness 1 - 2/4 = 0.5, matched (0.5 or more)
    # d: self-service then l1: 1 transfer, below --alert-transfers 2; u3's first case: not at risk
    # order: most transfers first (a and b: 2, then by case id), then c (0)
    assert cut["at_risk"] == [
        {"case": "a", "customer": "u1", "journey": "fix", "fitness": 2 / 3, "start": "2026-01-01T09:00:00",
         "last": "2026-01-01T09:20:00", "events": 3, "transfers": 2, "ping_pong": 1, "repeat": False,
         "why": ["transfers", "ping_pong"]},
        {"case": "b", "customer": "u2", "journey": "fix", "fitness": 1.0, "start": "2026-01-01T09:01:00",
         "last": "2026-01-01T09:30:00", "events": 3, "transfers": 2, "ping_pong": 1, "repeat": False,
         "why": ["transfers", "ping_pong"]},
        {"case": "c", "customer": "u1", "journey": "fix", "fitness": 0.5, "start": "2026-01-01T09:25:00",
         "last": "2026-01-01T09:25:00", "events": 1, "transfers": 0, "ping_pong": 0, "repeat": True,
         "why": ["repeat"]},
    ]  # fmt: skip
    assert "matrix" not in " ".join(cut)  # the matrices only in the final summary
    # at the end all four close: a has 3 transfers (l1 l2 l1 l2) and 2 ping-pongs
    final = objects[-1]
    assert (final["final"], final["cases"], final["events"], final["at_risk"]) == (True, 4, 10, [])
    assert final["transfers_per_case"] == (3 + 2 + 0 + 1) / 4 and final["ping_pong_per_case"] == (2 + 1) / 4
    assert final["transfer_matrix"] is not None and warnings == []


def _case(name: str, teams: str, minute: int) -> str:
    """A case whose events go to the teams given (1: Level 1, 2: Level 2), Queue first, Close last,
    Work between: it follows fix with fitness 0.5 or more."""
    rows = []
    for i, team in enumerate(teams):
        activity = "Queue" if i == 0 else "Close" if i == len(teams) - 1 else "Work"
        rows.append(f"{name},{activity},2026-01-01T10:{minute + i:02d}:00,r{team},Level {team},,,\n")
    return "".join(rows)


def test_an_alert_raised_then_cleared(tiny, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        (OBS / "tiny.yaml").read_text().replace("log: tiny.csv", f"log: {OBS / 'tiny.csv'}")
        + "close: [Close]\n"
    )
    # fix declares 2 hand-offs; --rolling 2, margin 1: raised above 3, cleared at 2.5 or below
    log = (
        HEADER
        + _case("p", "12121", 0)
        + _case("q", "12121", 10)
        + _case("r", "121", 20)
        + _case("s", "122", 30)
    )
    objects, _ = run(tiny, log, mapping, rolling=2, alert_margin=1.0)
    alerts = [o for o in objects if o["type"] == "alert"]
    # p and q: 4 transfers each, mean 4 > 3: raised when q closes (10:14)
    # r: 2 transfers, window (4, 2) mean 3: neither; s: 1 transfer, window (2, 1) mean 1.5 <= 2.5: cleared
    assert alerts == [
        {"type": "alert", "state": "raised", "journey": "fix", "transfers_rolling": 4.0, "handoffs_declared": 2,
         "cases": 2, "stream_time": "2026-01-01T10:14:00"},
        {"type": "alert", "state": "cleared", "journey": "fix", "transfers_rolling": 1.5, "handoffs_declared": 2,
         "cases": 2, "stream_time": "2026-01-01T10:32:00"},
    ]  # fmt: skip
    assert objects[-1]["cases"] == 4 and objects[-1]["open_cases"] == 0


def test_bad_lines_are_located_by_source_and_line(tiny, tmp_path):
    mapping = tmp_path / "m.yaml"
    text = (OBS / "tiny.yaml").read_text().replace("log: tiny.csv", f"log: {OBS / 'tiny.csv'}")
    mapping.write_text(text.replace("customer: customer", "customer: customer\n  event: id"))
    log = (
        "case,activity,time,resource,group,channel,system,customer,id\n"  # line 1
        'a,"Queue\nagain",2026-01-01T09:00:00,ann,Level 1,phone,CRM,u1,e1\n'  # lines 2-3
        "a,Work\n"  # line 4: two fields
        ",Work,2026-01-01T09:05:00,bob,Level 2,,,,e2\n"  # line 5: no case id
        "a,Work,yesterday,bob,Level 2,,,,e3\n"  # line 6: no time
        "a,Work,2026-01-01T10:00:00,bob,Level 2,,,,e4\n"  # line 7
        "a,Work,2026-01-01T09:30:00,bob,Level 2,,,,e5\n"  # line 8: older than 10:00: late
        "a,Work,2026-01-01T10:00:00,bob,Level 2,,,,e4\n"  # line 9: e4 again: a duplicate
    )
    objects, warnings = run(tiny, log, mapping)
    assert warnings == [
        "-:4:1: warning[SM089]: row has 2 fields; the header has 9",
        "-:5:1: warning[SM089]: no case id: the line is skipped",
        "-:6:1: warning[SM089]: not a timestamp: 'yesterday': the line is skipped",
        "-:8:1: warning[SM096]: event of case 'a' is older than its last: applied here",
        "-:9:1: warning[SM095]: event 'e4' of case 'a' is a duplicate: dropped",
    ]
    final = objects[-1]
    assert (final["malformed"], final["late"], final["duplicates"], final["events_read"]) == (3, 1, 1, 3)
    assert final["events"] == 3  # the late event is applied, the duplicate is not
    with pytest.raises(silomap.ModelError) as caught:
        run(tiny, log, mapping, strict=True)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.col, problem.code) == ("-", 4, 1, "SM089")


def test_json_lines_bad_lines_located(tiny):
    log = (
        '{"case": "a", "activity": "Queue", "time": "2026-01-01T09:00:00", "group": "Level 1"}\n'
        "[1, 2]\n"
        "\n"
        '{"case": "a", "activity": "Work", "time": "2026-01-01T09:05:00", "group": "Level 2", "x": 3}\n'
        "{not json\n"
    )
    objects, warnings = run(tiny, log)
    assert warnings == [
        "-:2:1: warning[SM089]: not a JSON object",
        "-:5:1: warning[SM089]: not a JSON object",
    ]
    assert (objects[-1]["events"], objects[-1]["transfers_per_case"]) == (2, 1.0)


def test_idle_closing_and_reopening(tiny):
    log = HEADER + (
        "a,Queue,2026-01-01T09:00:00,ann,Level 1,,,\n"
        "b,Queue,2026-01-01T09:30:00,ann,Level 1,,,\n"
        "b,Work,2026-01-01T10:01:00,bob,Level 2,,,\n"  # 61 minutes after a's last: a closes first
        "a,Work,2026-01-01T10:02:00,bob,Level 2,,,\n"  # a again: its first reopening, a#1
        "a,Queue,2026-01-01T10:03:00,ann,Level 1,,,\n"
    )
    objects, _ = run(tiny, log, idle="1h", every_events=4)
    cut, final = objects[0], objects[-1]
    assert (cut["cases"], cut["open_cases"], cut["reopened"]) == (1, 2, 1)
    # a#1: l2 then l1: one transfer, below 2, so it is not at risk; b neither
    assert cut["at_risk"] == [] and cut["events"] == 1
    assert (final["cases"], final["events"], final["reopened"]) == (3, 5, 1)
    # a: 0 transfers; b: 1; a#1: 1 -> (0 + 1 + 1) / 3
    assert final["transfers_per_case"] == 2 / 3
    objects, _ = run(tiny, log, idle="off")
    assert (objects[-1]["cases"], objects[-1]["reopened"]) == (2, 0)


def _engine(model, mapping=OBS / "tiny.yaml", **options) -> Watch:
    return Watch(model, load_mapping(mapping, model), Options(**options), Notices(None))


def _held(engine: Watch) -> tuple:
    """What the engine holds, by the sizes of its containers (one open case's in detail)."""
    (case,) = engine.open.values()
    sigmas = tuple(len(s.row) for s in case.sigmas.values())
    seen = engine.seen
    return (
        len(engine.open), engine.customers.held(), len(engine.remembered), len(engine.due),
        len(seen.handoffs), len(seen.transfers), tuple(len(v) for v in seen.unmapped.values()),
        len(case.segments), len(case.systems), len(case.teams), len(case.pairs), sigmas,
    )  # fmt: skip


def _long_case(n: int, bouncing: int):
    """One case of ``n`` events: resources, channels, systems and steps cycling throughout, the team
    changing at each of the first ``bouncing`` events, then staying."""
    people, steps = itertools.cycle(["ann", "bob", "cid"]), itertools.cycle(["Queue", "Work", "Close"])
    for i in range(n):
        row = {"case": "long", "activity": next(steps), "time": f"2026-01-01T09:{i % 60:02d}:00",
               "resource": next(people), "group": f"Level {1 + i % 2 if i < bouncing else 1}",
               "channel": "phone" if i % 2 else "web", "system": "CRM" if i % 3 else "ERP", "customer": "u1",
               "id": f"e{i}"}  # fmt: skip
        yield "-", i + 2, row


def test_a_case_of_a_million_events_holds_what_a_case_of_ten_holds(tiny, tmp_path):
    mapping = tmp_path / "m.yaml"
    text = (OBS / "tiny.yaml").read_text().replace("log: tiny.csv", f"log: {OBS / 'tiny.csv'}")
    mapping.write_text(text.replace("customer: customer", "customer: customer\n  event: id"))
    short, long = _engine(tiny, mapping, idle=None), _engine(tiny, mapping, idle=None)
    short.feed(_long_case(10, bouncing=6))
    long.feed(_long_case(1_000_000, bouncing=6))
    assert long.accepted == 1_000_000 and long.open["long"].events == 1_000_000
    assert long.open["long"].handoffs == 999_999 and long.open["long"].switches == 999_999
    # the same containers of the same sizes; of event ids, the last 16 (a case of 10 has 10)
    assert _held(long) == _held(short)
    assert (len(short.open["long"].ids), len(long.open["long"].ids)) == (10, 16)
    # a case bouncing between teams for ever keeps its first 32 team segments, then '…'
    bouncing = _engine(tiny, idle=None)
    bouncing.feed(_long_case(100_000, bouncing=100_000))
    case = bouncing.open["long"]
    assert (case.transfers, len(case.segments), case.sequence()[-1]) == (99_999, 32, "…")


def test_the_customer_window_forgets(tiny):
    engine = _engine(tiny, idle=None)
    rows = [("-", 2, {"case": "old", "time": "2026-01-01T09:00:00", "customer": "u1", "group": "Level 1"})]
    rows += [("-", 3 + i, {"case": f"new{i}", "time": f"2026-01-{10 + i:02d}T09:00:00", "customer": f"v{i}"})
             for i in range(20)]  # fmt: skip
    engine.feed(rows)
    # window 7 days: cases started more than 14 days before stream time (2026-01-29) are forgotten
    assert "u1" not in engine.customers.cases
    assert engine.customers.held() == sum(1 for i in range(20) if 10 + i >= 29 - 14)


def test_summaries_every_so_many_seconds_of_wall_time(tiny):
    from silomap._watch import objects

    engine = _engine(tiny)
    times = iter([0.0, 4.0, 10.5, 10.5, 12.0, 21.0, 21.0])  # the clock at the start, then at each look
    rows = [None, None, None, None]  # four moments without events: the clock looked at each
    found = list(objects(engine, rows, every=10, clock=lambda: next(times)))
    # 4 s: no; 10.5 s: a summary (the clock read again as its time); 12 s: no; 21 s: one more; then final
    assert [o["final"] for o in found] == [False, False, True]


def test_a_folder_polled_until_stopped(tiny, tmp_path):
    from silomap._watch import Folder, Stop

    land = tmp_path / "land"
    land.mkdir()
    (land / "a.csv").write_text(HEADER + "a,Queue,2026-01-01T09:00:00,ann,Level 1,,,\n")
    stop, naps = Stop(), []

    def sleep(seconds: float) -> None:  # a file lands during the first poll's wait; a signal in the second
        naps.append(seconds)
        if len(naps) == 1:
            (land / ".b.csv").write_text(HEADER + "b,Queue,2026-01-01T09:05:00,bob,Level 2,,,\n")
            (land / ".b.csv").rename(land / "b.csv")
        if len(naps) == 11:
            stop.signal()

    folder = Folder(str(land), load_mapping(OBS / "tiny.yaml", tiny), Notices(None), once=False, stop=stop)
    rows = list(folder.rows(sleep=sleep))
    assert [r[2][0] for r in rows if r is not None] == ["a", "b"]  # the case id is the first value
    assert folder.files_read == 2 and rows.count(None) == 2 and len(naps) == 11


def test_closed_cases_wait_to_be_tallied_in_bounded_memory(tiny):
    from silomap._watch.totals import PENDING

    # 5,000 one-event cases, each with a system of its own (so no two close alike), an hour apart:
    # --idle 30m closes each at the next one's event; no summary is asked for until the end
    engine = _engine(tiny, idle=30 * 60 * 1_000_000)
    start = datetime.datetime(2026, 1, 1)
    for i in range(5_000):
        at = (start + datetime.timedelta(hours=i)).isoformat()
        engine.event("-", 2 + i, {"case": f"c{i}", "activity": "Queue", "time": at, "system": f"s{i}"})
        assert len(engine.totals.pending) < PENDING  # tallied once 4,096 kinds wait
    final = engine.summary(final=True)  # the last case is still open: 4,999 closed
    (fix,) = final["journeys"]
    # each: queue alone against queue, work, close: LCS 1, fitness 2 * 1 / (1 + 3) = 0.5, matched
    assert (final["cases"], fix["cases"], fix["fitness"]) == (4_999, 4_999, 0.5)
    assert len(fix["undeclared_systems"]) == 4_999 and engine.totals.pending == {}
