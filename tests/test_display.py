"""Every result speaks for itself (issue #29, item 1): ``str()`` is the CLI's text for the same
call, ``repr()`` one short line, and ``_repr_html_()`` a card that escapes every name."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

from .conftest import MODELS, ROOT

BANK = MODELS / "retail-bank"
APP = ROOT / "examples" / "changes" / "connect-app.yaml"
RATES = ROOT / "examples" / "rates.yaml"
MAPPING = ROOT / "examples" / "observed" / "retail-bank.yaml"
TICKETS = ROOT / "examples" / "draft" / "tickets.csv"


def cli(*args: str | Path) -> str:
    """What ``silomap ARGS`` prints on standard output, run in-process from the repository root."""
    out = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main([str(a) for a in args]) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(BANK)


# each: the command line, and the same call in Python
SAME_CALL = {
    "score": (("score", BANK), lambda m: silomap.analyze(m)),
    "whatif": (("whatif", BANK, APP), lambda m: silomap.whatif(m, silomap.load_changes(APP))),
    "whatif priced": (
        ("whatif", BANK, APP, "--rates", RATES),
        lambda m: silomap.whatif(m, silomap.load_changes(APP), rates=RATES),
    ),
    "diff": (("diff", MODELS / "telecom", BANK), lambda m: silomap.diff(silomap.load(MODELS / "telecom"), m)),
    "fixes": (("fixes", BANK, "--top", "3", "--roadmap", "2"), lambda m: silomap.fixes(m, top=3, roadmap=2)),
    "fixes by money": (
        ("fixes", BANK, "--top", "2", "--roadmap", "1", "--rates", RATES, "--by", "money"),
        lambda m: silomap.fixes(m, top=2, roadmap=1, rates=RATES, by="money"),
    ),
    "assess": (("assess", BANK), lambda m: silomap.assess(m)),
    "cost": (("cost", BANK, RATES), lambda m: silomap.cost(m, RATES)),
    "observe": (("observe", BANK, MAPPING), lambda m: silomap.observe(m, MAPPING)),
    "history": (("history", MODELS / "telecom", "--max", "3"), lambda m: silomap.history(MODELS / "telecom", limit=3)),
}  # fmt: skip


@pytest.mark.parametrize("name", list(SAME_CALL))
def test_str_is_what_the_command_prints_for_the_same_call(name, bank):
    args, call = SAME_CALL[name]
    with contextlib.chdir(ROOT):
        result = call(bank)
    assert str(result) == cli(*args)


def test_a_drafts_text_is_the_report_the_command_writes(tmp_path):
    mapping = ROOT / "examples" / "draft" / "tickets.yaml"
    cli("draft", TICKETS, mapping, "-o", tmp_path / "drafted")
    drafted = silomap.draft(TICKETS, mapping)
    assert str(drafted) == (tmp_path / "drafted" / "draft-report.md").read_text(encoding="utf-8")


def _results(model: silomap.Model) -> dict[str, object]:
    app = silomap.load_changes(APP)
    return {
        "analysis": silomap.analyze(model),
        "whatif": silomap.whatif(model, app, rates=RATES),
        "diff": silomap.diff(model, silomap.apply(model, app)),
        "fixes": silomap.fixes(model, top=3, roadmap=2, rates=RATES),
        "assess": silomap.assess(model),
        "cost": silomap.cost(model, RATES),
        "observe": silomap.observe(model, MAPPING),
    }


@pytest.fixture(scope="module")
def results(bank) -> dict[str, object]:
    with contextlib.chdir(ROOT):
        found = _results(bank)
    point = silomap.HistoryPoint("abc1234", "2026-11-01", "Ann", 40.0, "partly integrated", {}, 0)
    found["history"] = silomap.History([point], path="models/retail-bank")
    found["draft"] = silomap.draft(TICKETS, ROOT / "examples" / "draft" / "tickets.yaml")
    return found


def test_a_repr_is_one_short_line_with_the_kind_the_model_and_the_score(results):
    for name, result in results.items():
        shown = repr(result)
        assert "\n" not in shown and len(shown) < 200, name
        assert shown.startswith("<silomap."), name
    assert (
        repr(results["analysis"])
        == "<silomap.Analysis of 'Northwind Retail Bank': score 40.0, partly integrated>"
    )
    # the what-if's dataclass repr ran to about 30,000 characters
    assert repr(results["whatif"]) == (
        "<silomap.Comparison of 'Northwind Retail Bank': score 40.0, partly integrated -> score 38.9, integrated>"
    )
    assert repr(results["history"]) == "<silomap.History: 1 commit, the last scoring 40.0, partly integrated>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.data.append(data)


TAGS = {"div", "style", "span", "table", "tr", "th", "td", "details", "summary", "ul", "li", "pre"}
CLASSES = re.compile(r"silomap-card|sm-(kind|name|score|note|t|facts|title|band sm-(b[0-4]|none))")


def parsed(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    tags.close()
    return tags


@pytest.mark.parametrize(
    "name", ["analysis", "whatif", "diff", "fixes", "assess", "cost", "observe", "history", "draft"]
)
def test_a_card_is_self_contained_with_styles_scoped_to_it(results, name):
    html = results[name]._repr_html_()
    tags = parsed(html)
    assert tags.tags[0] == ("div", [("class", "silomap-card")])
    assert {t for t, _ in tags.tags} <= TAGS
    assert all(k == "class" and CLASSES.fullmatch(v or "") for _, attrs in tags.tags for k, v in attrs)
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    rules = [r.split("{", 1)[0] for r in style.replace("}", "}\n").splitlines() if "{" in r]
    assert rules and all(s.strip().startswith(".silomap-card") for r in rules for s in r.split(","))
    assert "<details>" in html  # the evidence and the CLI's text fold away
    assert "<script" not in html.lower() and "@import" not in html and "url(" not in html


HOSTILE = "<script>alert(1)</script> & \"q\" 'a' {{ 7*7 }} {% x %} \u202egnp.exe \x1b[2J"


def _hostile(model: silomap.Model) -> silomap.Model:
    systems = tuple(s.model_copy(update={"name": f"{HOSTILE} {s.id}"}) for s in model.systems)
    journeys = tuple(j.model_copy(update={"name": f"{HOSTILE} {j.id}"}) for j in model.journeys)
    return model.model_copy(update={"name": HOSTILE, "systems": systems, "journeys": journeys})


def test_hostile_names_are_text_in_every_card(bank):
    with contextlib.chdir(ROOT):
        found = _results(_hostile(bank))
    point = silomap.HistoryPoint("abc1234", "2026-11-01", HOSTILE, None, None, {}, 1, HOSTILE)
    found["history"] = silomap.History([point], path=HOSTILE)
    found["draft"] = dataclasses.replace(
        silomap.draft(TICKETS, ROOT / "examples" / "draft" / "tickets.yaml"),
        model=_hostile(silomap.draft(TICKETS, ROOT / "examples" / "draft" / "tickets.yaml").model),
    )
    for name, result in found.items():
        html = result._repr_html_()
        tags = parsed(html)
        assert {t for t, _ in tags.tags} <= TAGS, name  # no element came from a name
        assert all(k == "class" and CLASSES.fullmatch(v or "") for _, attrs in tags.tags for k, v in attrs), (
            name
        )
        text = "".join(tags.data)
        assert "<script>alert(1)</script>" in text, name  # shown as written, as text
        assert "{{ 7*7 }}" in text and "49" not in text.split("{{ 7*7 }}")[0][-5:], name
        assert "\u202e" not in html and "\x1b" not in html, name  # bidi and escapes made visible
        assert "\\u202egnp.exe" in text, name
        assert "\n" not in repr(result) and "\u202e" not in repr(result), name
