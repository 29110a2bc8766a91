"""The live terminal view of ``silomap watch``: what it shows of a summary and the alerts, worked
by hand from summaries written in the spec's fields, and a log's hostile values printed literally."""

from __future__ import annotations

import io

from rich.console import Console

from silomap._watch import LiveView, live_view

from .watch_summaries import alert, journey, risk, summary


def shown(renderable) -> list[str]:
    console = Console(record=True, width=100, file=io.StringIO())
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_headline_means_journeys_at_risk_and_alerts():
    s = summary(
        [
            risk("C-9", "K-1", "fix", 3, why=["transfers", "ping_pong"], ping_pong=1),
            risk("C-2", None, None, 2),
        ],
        [journey("fix", 3, 2.0, 1), journey("open", 1, 1.0, 2), journey("idle", 0, None, 0)],
    )
    lines = shown(live_view(s, [alert("raised", "fix", 2.5), alert("cleared", "open", 1.0)]))
    assert lines[0] == "silomap watch (live): stream time 2026-01-05T10:00:00"
    assert lines[1] == (
        "1,234 events from 2 files; 4 cases closed, 17 open, 2 at risk; malformed 3, late 1, duplicates 5,"
    )
    assert lines[2] == "reopened 0, FCR pending 2"
    # 7 transfers over 4 closed cases: 1.75; 2 of 4 transferred: 50%; ping-pong unmapped: not measured
    assert lines[3] == (
        "Per closed case: transfers 1.75, hand-offs 3.00, ping-pong not measured; transferred 50%, repeat"
    )
    text = "\n".join(lines)
    assert "│ fix     │     3 │    0.75 │        1 │      2.00 │ raised: 2.50 │" in text
    assert "│ open    │     1 │    0.75 │        2 │      1.00 │ -            │" in text  # cleared since
    assert "│ idle    │     0 │       - │        0 │         - │ -            │" in text  # no case yet
    assert "At risk now: 2 open cases" in text
    assert "│ C-9  │ K-1      │ fix       │ 0.50 │      4 │ 3 transfers, 1 ping-pong │" in text
    assert "│ C-2  │ -        │ unmatched │ 0.50 │      4 │ 2 transfers              │" in text
    assert lines[-3:] == [
        "alert raised at 2026-01-05T09:59:00: fix averages 2.50 transfers over its last 100 cases, 1 declared",
        "alert cleared at 2026-01-05T09:59:00: open averages 1.00 transfers over its last 100 cases, 1",
        "declared",
    ]


def test_only_the_first_top_cases_at_risk():
    s = summary([risk(f"C-{i}", None, "fix", 9 - i) for i in range(5)], [])
    text = "\n".join(shown(live_view(s, top=2)))
    assert "At risk now: 5 open cases (first 2)" in text
    assert "C-0" in text and "C-1" in text and "C-2" not in text


def test_no_case_closed_yet_is_not_zero():
    s = summary([], [], cases=0, transfers_per_case=None, transfer_rate=None)
    text = "\n".join(shown(live_view(s)))
    assert "Per closed case: no case closed yet" in text
    assert "At risk now: none" in text
    assert "Last alerts\nnone yet" in text


HOSTILE = "[bold]C-1[/bold] :smile: \x1b[2J\u202e!"


def test_hostile_values_print_literally():
    s = summary([risk(HOSTILE, "[red]K[/red]", "[link=http://x]j[/link]", 2)], [journey("[b]j", 1, 1.0, 1)])
    console = Console(record=True, width=200, file=io.StringIO(), force_terminal=True)
    console.print(live_view(s, [alert("raised", "[blink]j", 3.0)]))
    raw = console.file.getvalue()
    assert "\x1b[2J" not in raw and "\u202e" not in raw  # neither acted on
    text = console.export_text()
    assert "[bold]C-1[/bold] :smile: \\x1b[2J\\u202e!" in text
    assert "[red]K[/red]" in text and "[link=http://x]j[/link]" in text and "[b]j" in text
    assert "alert raised at 2026-01-05T09:59:00: [blink]j averages 3.00 transfers" in text
    assert "http://x" not in raw.replace("[link=http://x]", "")  # no hyperlink made of it


def test_live_view_redraws_the_latest_summary():
    out = io.StringIO()
    console = Console(record=True, width=100, file=out, force_terminal=True)
    with LiveView(console=console, top=1) as view:
        view(summary([risk("C-1", None, "fix", 2)], [], open_cases=1))
        view(alert("raised", "fix", 2.5))
        view(
            summary([risk("C-7", None, "fix", 4), risk("C-1", None, "fix", 2)], [], open_cases=2, final=True)
        )
    raw = out.getvalue()
    assert "\x1b[1A" in raw or "\x1b[A" in raw  # the cursor goes back up: redrawn in place
    last = raw[raw.rindex("silomap watch") :]
    assert "silomap watch (final)" in last and "C-7" in last and "C-1" not in last.split("At risk")[1]
    assert "alert raised at 2026-01-05T09:59:00: fix averages 2.50" in last


def test_a_long_value_is_cut_on_one_line():
    s = summary([risk("C" * 200, "K" * 50, "fix", 2)], [journey("j" * 41, 1, 1.0, 1)])
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(live_view(s))
    lines = console.export_text().splitlines()
    row = next(line for line in lines if line.startswith("│ CCC"))
    assert row.startswith("│ " + "C" * 39 + "… │ " + "K" * 39 + "… │ fix ")  # 40 characters each
    assert any(line.startswith("│ " + "j" * 39 + "… │") for line in lines)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_silomap_watch_draws_the_live_view(monkeypatch):
    """On a terminal (and without --json) the watch redraws one screen; piped, it writes text."""
    from silomap._cli import main

    from .conftest import DATA

    obs = DATA / "observed"
    screen = _Terminal()
    monkeypatch.setattr("sys.stdin", io.StringIO((obs / "tiny.csv").read_text()))
    monkeypatch.setattr("sys.stdout", screen)
    args = [
        "watch",
        str(obs / "tiny-model.yaml"),
        str(obs / "tiny.yaml"),
        "--every",
        "0",
        "--every-events",
        "4",
    ]
    assert main(args) == 0
    raw = screen.getvalue()
    assert raw.count("silomap watch (live)") == 2  # after 4 and 8 events
    assert raw.rindex("silomap watch (final)") > raw.rindex("silomap watch (live)")  # then the end
    assert "\x1b[1A" in raw or "\x1b[A" in raw  # drawn over the last screen
    assert "final summary at" not in raw  # not the piped text


def desk_cut() -> list[dict]:
    """docs/watch.md's session: the desk's log on standard input, its objects up to the summary
    after the ninth event."""
    from pathlib import Path

    import silomap

    from .conftest import ROOT

    model = silomap.load(ROOT / "examples" / "watch" / "model.yaml")
    log = Path(ROOT / "examples" / "watch" / "desk.csv").read_text(encoding="utf-8")
    found = silomap.watch(
        model, ROOT / "examples" / "watch" / "desk.yaml", source=io.StringIO(log), every=0, every_events=9
    )
    out = []
    for obj in found:
        out.append(obj.to_json())
        if out[-1]["type"] == "summary":
            return out
    raise AssertionError("no summary")


def test_docs_show_the_live_view_at_the_cut():
    """The screen docs/watch.md shows is the live view of its session at the cut, at 100 columns;
    its figures are those the page works by hand (a: 2 transfers, 1 ping-pong; c: a repeat)."""
    from .conftest import ROOT

    console = Console(record=True, width=100, file=io.StringIO())
    with LiveView(console=console) as view:
        for obj in desk_cut():
            view(obj)
    screen = console.export_text()
    screen = screen[screen.rindex("silomap watch (live)") :]
    page = (ROOT / "docs" / "watch.md").read_text(encoding="utf-8")
    shown = page.split("```text\nsilomap watch (live)", 1)[1].split("```", 1)[0]
    assert [line.rstrip() for line in ("silomap watch (live)" + shown).splitlines()] == [
        line.rstrip() for line in screen.splitlines()
    ]
    assert "│ a    │ u1       │ fix     │ 0.67 │      3 │ 2 transfers, 1 ping-pong │" in screen
    assert "│ c    │ u1       │ fix     │ 0.50 │      1 │ repeat contact           │" in screen
