"""The money where a CIO looks (issue #27, item 3): the report's first screen says what the silos
cost a month, its cost section says it per journey and team with what is not costed and, with a
log, what transfers go with; the Markdown and the HTML alike, every user string escaped."""

from __future__ import annotations

import re
import shutil

import pytest

import silomap
from silomap._cli import main

from .conftest import BROWSER, DATA, MODELS, ROOT

RATES = ROOT / "examples" / "rates.yaml"
DESK = ROOT / "examples" / "observed"
# cost.md's first line on retail-bank at the rates of examples/rates.yaml (the spec's figures)
FIRST = "Silos cost about €29,661 a month: hand-offs €20,400, re-entries €6,304, extra systems €2,957"


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(MODELS / "retail-bank")


def test_the_markdown_report_says_the_money_on_its_first_screen(bank):
    lines = silomap.report(bank, "md", rates=RATES).splitlines()
    score = next(i for i, line in enumerate(lines) if line.startswith("**Silo score: 40.0 / 100"))
    assert lines[score + 1 : score + 3] == ["", f"**{FIRST}**"]
    at = lines.index("### What the silos cost a month")
    assert lines[at + 1 : at + 5] == [
        "",
        FIRST,
        "",
        "697.9 agent hours a month at €42.50 an hour; customers spend 53,000 minutes a month switching channels",
    ]
    # report-lost-card: 1,500 runs x (2 hand-offs x 3 min + 2 re-entries x 1 min) = 12,000 agent minutes
    # = 200 h x €42.50 = €8,500; move-house: 800 x (3 x 3 + 2 x 1) = 8,800 min = 146.67 h = €6,233
    assert "| report-lost-card | 1,500 | 2 | 2 | 1 | €8,500 |" in lines
    assert "| move-house | 800 | 3 | 2 | 2 | €6,233 |" in lines
    assert lines.index("| report-lost-card | 1,500 | 2 | 2 | 1 | €8,500 |") < lines.index(
        "| move-house | 800 | 3 | 2 | 2 | €6,233 |"
    )  # by money
    # the 5 teams costing most (of 6 with a costed seam), then what no team takes; the sixth is counted
    teams = [
        line.split(" | ")[0][2:]
        for line in lines[
            lines.index("| Team | Hand-offs received | Re-entries | Agent hours | Money a month |") + 2 :
        ]
    ]
    assert teams[:7] == [
        "contact-center",
        "mortgage-advisors",
        "card-ops",
        "branch-staff",
        "complaints-team",
        "unattributed",
        "",
    ]
    assert "*1 more team in the HTML report and in `silomap cost`.*" in lines


def test_without_rates_the_report_says_no_money(bank):
    assert "Silos cost" not in silomap.report(bank, "md")


def test_the_html_report_has_the_money_line_a_section_and_its_chart(bank, monkeypatch):
    monkeypatch.setattr("silomap._reports.html.render_within", lambda sources, *a: [""] * len(sources))
    page = silomap.report(bank, rates=RATES)
    assert f'<p class="money" id="money"><a href="#cost">{FIRST}</a></p>' in page
    section = page[page.index('<h2 id="cost">') : page.index('<h2 id="fixes">')]
    assert section.count("<svg") == 1 and "€8,500" in section  # the chart of where the money goes
    assert "<td>report-lost-card</td>" in section and "<td>unattributed</td>" in section


def test_not_costed_items_are_listed_never_zero(bank):
    """A journey without a volume is named as not costed, in the report as in ``silomap cost``."""
    with pytest.warns(silomap.SilomapWarning, match="no volume"):
        model = silomap.load(DATA / "cost" / "model.yaml")
    text = silomap.report(model, "md", rates=RATES)
    assert "\n\nNot costed (no volume): journeys browse; questions q3\n" in text


def _desk(tmp_path, folder: str):
    """The service desk example in a folder named by the user (with markup in its name)."""
    where = tmp_path / folder
    where.mkdir()
    for name in ("service-desk-model.yaml", "service-desk.yaml", "service-desk-log.csv"):
        shutil.copy(DESK / name, where / name)
    return where


def test_with_a_log_the_report_says_what_transfers_go_with_escaped(tmp_path, monkeypatch):
    where = _desk(tmp_path, "<i>desk|*")
    model = silomap.load(where / "service-desk-model.yaml")
    seen = silomap.observe(model, where / "service-desk.yaml")
    text = silomap.report(model, "md", rates=RATES, observed=seen)
    assert "<i>" not in text and "desk\\|\\*" in text  # markup and table pipes made inert
    # 30 transferred of 100 minutes on average, 30 not of 40: 60 minutes x 30 cases / 2 months = 900
    assert re.search(
        r"^- Transfers go with 900 more elapsed minutes a month \(95 % CI [\d,]+ to [\d,]+; 2,000 "
        r"resamples of 60 cases\): an association, not proof of cause$",
        text,
        re.M,
    )
    monkeypatch.setattr("silomap._reports.html.render_within", lambda sources, *a: [""] * len(sources))
    page = silomap.report(model, rates=RATES, observed=seen)
    assert "<i>desk" not in page and "&lt;i&gt;desk|*" in page
    assert "valued at a customer's minute, never at an agent hour" in page


def test_report_rates_on_the_command_line(tmp_path, capsys):
    target = tmp_path / "report.md"
    assert main(["report", str(MODELS / "retail-bank"), "--rates", str(RATES), "-o", str(target)]) == 0
    assert f"**{FIRST}**" in target.read_text()
    bad = tmp_path / "rates.yaml"
    bad.write_text(RATES.read_text().replace("agent_hour: 42.5", "agent_hour: -1"))
    other = tmp_path / "other.md"
    assert main(["report", str(MODELS / "retail-bank"), "--rates", str(bad), "-o", str(other)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:13: error[SM022]: agent_hour: must be greater than 0; got -1" in err
    assert not other.exists()  # no half-written report


@pytest.mark.needs("chromium")
def test_the_cost_section_in_chromium(tmp_path, bank):
    from .test_browser import chromium, console

    page = tmp_path / "report.html"
    page.write_text(silomap.report(bank, rates=RATES, renderer="embedded"), encoding="utf-8")
    loaded = chromium(page, tmp_path / "profile", "--dump-dom")
    assert loaded.returncode == 0 and console(loaded.stderr) == []
    assert 'id="cost"' in loaded.stdout and FIRST in loaded.stdout
    assert BROWSER is not None


def test_the_pull_request_comment_says_the_change_in_money(tmp_path):
    """diff --rates in Markdown: the change in money right under the score, inside GitHub's limit."""
    base = DESK / "service-desk-model.yaml"
    head = tmp_path / "head.yaml"
    head.write_text(base.read_text().replace("{id: work, actor: l2", "{id: work, actor: l1"))
    comment = tmp_path / "comment.md"
    assert main(["diff", str(base), str(head), "--rates", str(RATES), "-o", str(comment)]) == 0
    lines = comment.read_text().splitlines()
    assert lines[2].startswith("**Silo score:")
    # fix runs 100 times a month; l1 -> l2 -> l1 is 2 hand-offs, l1 alone none: 100 x 2 x 3 min =
    # 600 min = 10 h x €42.50 = €425 before, €0 after (no re-entry, no question, customer minutes unvalued)
    assert lines[3:5] == ["", "**Silos cost €425 a month before, €0 after: €425 a month less.**"]
    assert main(["diff", str(base), str(head), "-o", str(comment)]) == 0
    assert "Silos cost" not in comment.read_text()
