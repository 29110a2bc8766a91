"""Evidence shown (draft.md, "Evidence and rounding"; issue #26): a journey drafted from a log reads
"drafted from N cases, V a month" in the journeys section of the summary, the Markdown and the HTML
report, and in its blueprint's title; a drafted step says its cases in its tooltip. A model without
x-evidence shows none of it (the golden files hold that).
"""

from __future__ import annotations

import shutil

import pytest

import silomap
from silomap._cli import main

from .conftest import BROWSER, DATA

DRAFT = DATA / "draft"


@pytest.fixture
def bigger(tmp_path):
    """The draft, with billing drafted from 4,384 cases and a volume of 91.6 (half up: 92 a month),
    and a name that must reach every format escaped."""
    target = tmp_path / "draft"
    shutil.copytree(DRAFT, target)
    text = (target / "journeys.yaml").read_text()
    text = text.replace("name: Billing\n", "name: '<b>Billing</b> & \"co\"'\n").replace(
        "volume: 3.0", "volume: 91.6"
    )
    text = text.replace("x-evidence: {cases: 3, share: 0.6}", "x-evidence: {cases: 4384, share: 0.8769}")
    (target / "journeys.yaml").write_text(text)
    return target


def test_the_summary_says_what_each_journey_was_drafted_from(capsys):
    assert main(["score", str(DRAFT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.startswith("  billing ") and "hand-offs, 0 re-" in line
    )
    # billing: x-evidence cases 3, volume 3.0; outage: 2 cases, volume 2.0
    assert lines[at + 1] == f"  {'':<28} drafted from 3 cases, 3 a month"
    assert (
        lines[at + 2].startswith("  outage ")
        and lines[at + 3] == f"  {'':<28} drafted from 2 cases, 2 a month"
    )


def test_thousands_and_the_volume_half_up(bigger, capsys):
    assert main(["score", str(bigger)]) == 0
    assert "drafted from 4,384 cases, 92 a month" in capsys.readouterr().out  # 91.6 -> 92


def test_the_markdown_and_html_reports_show_it_escaped(bigger, tmp_path):
    model = silomap.load(bigger)
    md = silomap.report(model, fmt="md")
    assert "| billing (drafted from 4,384 cases, 92 a month) | after-sales |" in md
    page = silomap.report(model, renderer="embedded")
    assert '<br><span class="note">drafted from 4,384 cases, 92 a month</span>' in page
    assert "&lt;b&gt;Billing&lt;/b&gt; &amp; &#34;co&#34;" in page and "<b>Billing</b>" not in page


def test_the_blueprint_title_and_step_tooltips(bigger):
    model = silomap.load(bigger)
    drawn = silomap.diagram(model, "journey", journey="billing", renderer="embedded")
    dot = drawn.dot
    # the title: the name (DOT-quoted), its figures, then the evidence
    assert '1 channel switch; drafted from 4,384 cases, 92 a month", labelloc="t"' in dot
    # queue: x-evidence cases 2, share 0.6667 -> 67% of the journey's cases
    assert 'tooltip="queue: drafted from 2 cases, 67% of the journey\'s"' in dot
    text = drawn.render("svg").decode()
    assert "drafted from 4,384 cases, 92 a month" in text
    assert "&lt;b&gt;Billing&lt;/b&gt;" in text and "<b>Billing" not in text


def test_a_step_with_evidence_of_another_shape_keeps_its_plain_tooltip(tmp_path):
    target = tmp_path / "draft"
    shutil.copytree(DRAFT, target)
    text = (
        (target / "journeys.yaml")
        .read_text()
        .replace("minutes: 15.0, x-evidence: {cases: 2, share: 0.6667}", "minutes: 15.0, x-evidence: lots")
    )
    (target / "journeys.yaml").write_text(text)
    dot = silomap.diagram(silomap.load(target), "journey", journey="billing").dot
    assert 'tooltip="queue",' in dot and 'tooltip="work: drafted from 2 cases' in dot


@pytest.mark.needs("chromium")
def test_the_drafted_report_in_chromium(bigger, tmp_path):
    """The page loads with no console message and shows the evidence under the journey's name."""
    from .test_browser import chromium, console

    assert BROWSER is not None
    page = tmp_path / "report.html"
    assert main(["report", str(bigger), "-o", str(page), "--renderer", "embedded"]) == 0
    loaded = chromium(page, tmp_path / "profile", "--dump-dom")
    assert loaded.returncode == 0 and console(loaded.stderr) == []
    assert "drafted from 4,384 cases, 92 a month" in loaded.stdout
    shot = tmp_path / "report.png"
    chromium(page, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1400,2400")
    assert shot.stat().st_size > 10_000
