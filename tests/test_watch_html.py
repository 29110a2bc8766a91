"""``silomap watch --html FILE``: the live page, from summaries written by hand in the spec's
fields. What it shows, a log's hostile values escaped, the report's styles and policy, reloading
while live and not once final, and a page never half-written; in headless Chromium, it loads with
no console message and shows the rows at risk."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import silomap
from silomap import _io
from silomap._reports import LivePage, live_page
from silomap._reports.html import html_report

from .conftest import MODELS
from .test_browser import chromium, console, screenshot
from .watch_summaries import alert, journey, risk, summary


def sample(**rest):
    cases = [
        risk("C-9", "K-1", "fix", 3, why=["transfers", "ping_pong"], ping_pong=1),
        risk("C-2", None, None, 2, why=["transfers", "repeat"], repeat=True),
    ]
    return summary(cases, [journey("fix", 3, 2.0, 1), journey("idle", 0, None, 0)], **rest)


def cells(page: str) -> list[list[str]]:
    """Each body row's cells as text, tags stripped."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]


def test_page_shows_counts_journeys_and_at_risk():
    page = live_page(sample(), [alert("raised", "fix", 2.5)], name="Northwind")
    assert "<title>Live: Northwind</title>" in page
    assert "1,234 events from 2 files; 4 cases closed, 17 open, 2 at risk;" in page
    # 7 transfers over 4 closed cases: 1.75; 2 of 4 transferred: 50%; no team mapped: not measured
    assert "transfers 1.75, hand-offs 3.00, ping-pong not measured; transferred 50%" in page
    rows = [r for r in cells(page) if r]
    assert rows == [
        ["fix", "3", "0.75", "1", "2.00", "raised: 2.50 transfers"],
        ["idle", "0", "-", "0", "-", "none"],  # no case closed: no mean, never 0
        ["C-9", "K-1", "fix", "0.50", "4", "3", "1", "transfersping-pong",
         "2026-01-05T09:00:00", "2026-01-05T09:40:00"],
        ["C-2", "-", "unmatched", "0.50", "4", "2", "0", "transfersrepeat", "2026-01-05T09:00:00",
         "2026-01-05T09:40:00"],
    ]  # fmt: skip
    assert "Open cases with 2 transfers or more, a ping-pong or a repeat contact" in page
    assert "alert raised at 2026-01-05T09:59:00: fix averages 2.50 transfers over its last 100 cases" in page


def test_only_the_first_top_at_risk_and_the_rest_counted():
    s = summary([risk(f"C-{i}", None, "fix", 9 - i) for i in range(5)], [])
    page = live_page(s, top=2)
    assert "At risk now: 5 open cases" in page
    assert "the first 2 shown, 3 more in <code>silomap watch --json</code>" in page
    assert "C-1" in page and "C-2" not in page


def test_reloads_while_live_not_once_final():
    assert '<meta http-equiv="refresh" content="7">' in live_page(sample(), refresh=7)
    assert "refresh" not in live_page(sample(final=True), refresh=7)
    assert "refresh" not in live_page(sample(), refresh=0)


def test_the_reports_styles_and_policy():
    model = silomap.load(MODELS / "retail-bank")
    report = html_report(model, silomap.analyze(model), renderer="embedded")
    page = live_page(sample())
    style = re.compile(r"<style>\n(.*?)</style>", re.S)
    assert style.search(page).group(1) == style.search(report).group(1)
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
    assert policy.search(page).group() == policy.search(report).group()
    assert "<script" not in page


HOSTILE = '<script>alert(1)</script>{{ 7*7 }}\x1b[2J\u202eexe"'


def test_hostile_values_escaped():
    s = summary(
        [risk(HOSTILE, "<img src=x onerror=alert(1)>", "<b>j</b>", 2, start="<i>", last="</td>")],
        [journey("<svg onload=alert(1)>", 1, 1.0, 1)],
        stream_time="<u>t</u>",
    )
    page = live_page(s, [alert("raised", "<a href=x>j</a>", 3.0)], name="<h1>bank</h1>")
    for raw in (
        "<script>alert",
        "<img",
        "<b>j",
        "<svg",
        "<a href",
        "<h1>bank",
        "<i>",
        "<u>",
        "\x1b",
        "\u202e",
    ):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}\\x1b[2J\\u202eexe&#34;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;svg onload=alert(1)&gt;" in page
    assert "&lt;a href=x&gt;j&lt;/a&gt;" in page and "<title>Live: &lt;h1&gt;bank&lt;/h1&gt;</title>" in page


def test_written_at_each_summary_not_at_an_alert(tmp_path):
    target = tmp_path / "live.html"
    page = LivePage(target, name="N")
    page(alert("raised", "fix", 2.5))
    assert not target.exists()
    page(sample())
    assert "raised: 2.50 transfers" in target.read_text(encoding="utf-8")
    page(sample(final=True, events_read=99))
    assert "99 events" in target.read_text(encoding="utf-8")


def test_a_reader_never_sees_a_half_written_page(tmp_path, monkeypatch):
    """The page goes to a temporary file renamed over the old one: at the rename the new one is
    whole and the old one still there; a write that fails halfway leaves the old page whole and no
    temporary file."""
    target = tmp_path / "live.html"
    page = LivePage(target)
    page(sample(events_read=1))
    old = target.read_bytes()
    seen = []
    replace = os.replace

    def checked(src, dst):
        seen.append((Path(src).read_bytes(), Path(dst).read_bytes()))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", checked)
    page(sample(events_read=2))
    new = target.read_bytes()
    assert seen == [(new, old)]
    assert b"2 events" in new and new.rstrip().endswith(b"</html>")

    def half(fd, data):
        os.write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io, "_write_all", half)
    monkeypatch.setattr(_io, "_unnamed", lambda folder: os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600))
    with pytest.raises(silomap.ToolError, match="No space left on device"):
        page(sample(events_read=3))
    assert target.read_bytes() == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.html"]


def test_a_folder_or_a_symlink_is_refused_at_once(tmp_path):
    with pytest.raises(silomap.UsageError, match="not a regular file"):
        LivePage(tmp_path)
    (tmp_path / "link.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(silomap.UsageError, match="symlink"):
        LivePage(tmp_path / "link.html")


@pytest.mark.needs("chromium")
def test_live_page_in_chromium(tmp_path):
    """docs/watch.md's session at the cut, as the live page: it loads with no console message, and
    shows the two cases at risk the page works by hand; its screenshot is docs/img/watch-live.png
    (SILOMAP_SCREENSHOTS=docs/img)."""
    from .test_watch_live import desk_cut

    target = tmp_path / "live.html"
    page = LivePage(target, name="Tiny service desk", refresh=10)
    for obj in desk_cut():
        page(obj)
    loaded = chromium(target, tmp_path / "profile", "--dump-dom")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert console(loaded.stderr) == []
    dom = loaded.stdout
    assert '<h2 id="at-risk">At risk now: 2 open cases</h2>' in dom
    rows = [r for r in cells(dom) if len(r) == 10]
    assert [r[:7] for r in rows] == [
        ["a", "u1", "fix", "0.67", "3", "2", "1"],
        ["c", "u1", "fix", "0.50", "1", "0", "0"],
    ]
    assert '<meta http-equiv="refresh" content="10">' in dom
    shot = screenshot(target, tmp_path, "watch-live.png", "1100,820")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_watch_html_writes_the_page_of_the_final_summary(tmp_path, monkeypatch, capsys):
    """``silomap watch --html FILE`` on the tiny log: the last page is the final summary's, which no
    longer reloads; the text still goes to standard output."""
    import io

    from silomap._cli import main

    from .conftest import DATA

    obs = DATA / "observed"
    monkeypatch.setattr("sys.stdin", io.StringIO((obs / "tiny.csv").read_text()))
    page = tmp_path / "live.html"
    args = [
        "watch",
        str(obs / "tiny-model.yaml"),
        str(obs / "tiny.yaml"),
        "--html",
        str(page),
        "--every",
        "0",
    ]
    assert main([*args, "--idle", "off"]) == 0
    assert capsys.readouterr().out.startswith("final summary at ")
    shown = page.read_text(encoding="utf-8")
    assert "Final: the input has ended" in shown and "refresh" not in shown
    assert "11 events; 3 cases closed, 0 open, 0 at risk;" in shown  # tiny.csv: 11 events, 3 cases


@pytest.mark.parametrize("where", ["folder", "mapping", "model"])
def test_watch_html_refuses_an_input_or_a_folder_before_it_starts(tmp_path, capsys, where):
    from silomap._cli import main

    from .conftest import DATA

    obs = DATA / "observed"
    model, mapping = obs / "tiny-model.yaml", obs / "tiny.yaml"
    target = {"folder": tmp_path, "mapping": mapping, "model": model}[where]
    before = mapping.read_bytes(), model.read_bytes()
    assert main(["watch", str(model), str(mapping), "--html", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(("--html ", "error[SM050]: ")) and "Traceback" not in err
    assert (mapping.read_bytes(), model.read_bytes()) == before
