"""The reports' sections as one family: every section is a row of one table, and the terminal
summary, the Markdown and the HTML report show the sections of that table, in its order."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from typing import Any

import pytest
from markupsafe import Markup

import silomap
from silomap._reports import Baseline, sections, summary
from silomap._reports.html import html_report
from silomap._reports.markdown import markdown_report
from silomap._reports.sections import FORMATS, SECTIONS, Context, Section, ordered
from silomap._reports.sections.section import given

from .conftest import MODELS

# every module of sections/ but the two that say what a section is and what the formats share
MODULES = sorted(
    m.name for m in pkgutil.iter_modules(sections.__path__) if m.name not in ("section", "formats")
)


@pytest.fixture(scope="module")
def bank() -> Context:
    """The bank with everything a report can add: a baseline, an assessment, an event log and rates."""
    model = silomap.load(MODELS / "retail-bank")
    analysis = silomap.analyze(model)
    return Context(
        analysis,
        model,
        baseline=Baseline(silomap.load(MODELS / "telecom"), "the last review"),
        maturity=silomap.assess(model, silomap.load_assessment(MODELS / "retail-bank" / "assessment.yaml")),
        observed=silomap.observe(model, "examples/observed/retail-bank.yaml"),
        cost=silomap.cost(model, "examples/rates.yaml", analysis=analysis),
    )


def _extras(context: Context) -> dict[str, Any]:
    return {
        "baseline": context.baseline,
        "maturity": context.maturity,
        "observed": context.observed,
        "cost": context.cost,
    }


def _markdown(context: Context) -> str:
    return markdown_report(given(context.model), context.analysis, **_extras(context))


def _html(context: Context, monkeypatch: pytest.MonkeyPatch) -> str:
    """The page without drawing its diagrams (each is "not drawn"): the sections are what counts."""
    monkeypatch.setattr("silomap._reports.html.render_within", lambda sources, *a: [""] * len(sources))
    return html_report(given(context.model), context.analysis, **_extras(context))


@pytest.mark.parametrize("name", MODULES)
def test_every_section_module_is_one_row_of_the_table(name):
    module = importlib.import_module(f"silomap._reports.sections.{name}")
    assert hasattr(module, "SECTION"), f"sections/{name}.py has no SECTION: every module there is one section"
    assert [s for s in SECTIONS if s is module.SECTION] == [module.SECTION]


def test_the_table_has_one_row_a_section_and_unique_ids():
    ids = [s.id for s in SECTIONS]
    assert len(ids) == len(set(ids)) == len(MODULES)
    for s in SECTIONS:
        assert any(s.renderer(form) for form in FORMATS), f"{s.id} is shown in no format"
        assert set(s.after) <= set(FORMATS)


@pytest.mark.parametrize("form", FORMATS)
def test_each_format_reads_the_table_in_its_order(form):
    shown = ordered(SECTIONS, form)
    assert {s.id for s in shown} == {s.id for s in SECTIONS if s.renderer(form)}
    unmoved = [s.id for s in shown if form not in s.after]
    assert unmoved == [s.id for s in SECTIONS if s.renderer(form) and form not in s.after]
    for s in shown:
        if form in s.after:  # a section placed elsewhere in one format follows its anchor there
            at = [t.id for t in shown].index(s.id)
            assert s.after[form] in [t.id for t in shown[:at]]


def test_a_section_after_one_the_format_does_not_show_is_refused():
    lost = Section("lost", "Lost", text=lambda context: [], after={"text": "landscape"})
    with pytest.raises(ValueError, match="'lost' follows 'landscape', which text does not show"):
        ordered((*SECTIONS, lost), "text")


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_each_section_renders_in_each_of_its_formats(section, bank):
    assert section.applies(bank)
    for form in FORMATS:
        draw = section.renderer(form)
        if draw is not None:
            assert draw(bank), f"{section.id} renders nothing in {form} for the bank"


def test_the_markdown_headings_come_from_the_table_in_its_order(bank):
    headings = re.findall(r"^### (.+)$", _markdown(bank), flags=re.MULTILINE)
    shown = ordered(SECTIONS, "md")
    found = [next(s.id for s in shown if h.startswith(s.title)) for h in headings]
    assert found == [s.id for s in shown if s.id in found]
    assert set(found) == {s.id for s in shown} - {"components", "gaps"}  # a table and a paragraph


def test_the_page_sections_come_from_the_table_in_its_order(bank, monkeypatch):
    page = _html(bank, monkeypatch)
    ids = [i for i in re.findall(r'<(?:h2|h3|section)[^>]* id="([^"]+)"', page) if i[1:2] != "-"]
    shown = [s.id for s in ordered(SECTIONS, "html")]
    assert set(ids) - {"score"} <= set(
        shown
    )  # every heading of the page is a section's (the score's box aside)
    ids = [i for i in ids if i in shown]
    assert ids == [i for i in shown if i in ids]
    assert set(ids) == set(shown) - {"blueprints"}  # the blueprints are one h3 a journey
    assert page.index('id="j-') > page.index('id="replaced"')


def test_the_summary_follows_the_table_in_its_order():
    text = summary(silomap.analyze(silomap.load(MODELS / "retail-bank")))
    firsts = {
        "stages": "By life-cycle stage",
        "whole": "The whole model",
        "components": "Components",
        "questions": "Worst questions",
        "journeys": "Worst journeys",
        "replaced": "Journeys that still depend on replaced systems",
        "parity": "Channel parity",
        "kpis": "KPIs",
        "desktop": "Agent desktops",
        "sync": "Unsynced data",
        "gaps": "Isolated systems",
    }
    assert [s.id for s in ordered(SECTIONS, "text")] == list(firsts)
    assert [text.index(f"\n{line}") for line in firsts.values()] == sorted(
        text.index(f"\n{line}") for line in firsts.values()
    )


def _dummy() -> Section:
    return Section(
        "dummy",
        "A dummy section",
        text=lambda context: ["", f"Dummy of {context.analysis.name}"],
        markdown=lambda context: ["", "### A dummy section"],
        html=lambda context: Markup('<h2 id="dummy">A dummy section</h2>'),
    )


@pytest.mark.parametrize("at", [len(SECTIONS), [s.id for s in SECTIONS].index("kpis")])
def test_a_section_added_to_the_table_shows_in_all_three_formats(at, bank, monkeypatch):
    """The next section is one module and one row: nothing else to touch for any format."""
    table = (*SECTIONS[:at], _dummy(), *SECTIONS[at:])
    monkeypatch.setattr("silomap._reports.sections.SECTIONS", table)
    text = summary(bank.analysis)
    markdown = _markdown(bank)
    page = _html(bank, monkeypatch)
    assert "\nDummy of Northwind Retail Bank\n" in text
    assert "\n### A dummy section\n" in markdown
    assert '\n<h2 id="dummy">A dummy section</h2>\n' in page
    if at < len(SECTIONS):  # before the KPIs, after the journeys (and the parity in the terminal)
        assert text.index("Worst journeys") < text.index("Dummy") < text.index("\nKPIs")
        assert (
            markdown.index("### Journeys that hurt")
            < markdown.index("### A dummy")
            < markdown.index("### KPIs")
        )
        assert page.index('id="journeys"') < page.index('id="dummy"') < page.index('id="kpis"')
    else:  # last: after the gaps, before the foot
        assert text.endswith("Dummy of Northwind Retail Bank\n")
        assert markdown.index("### A dummy") > markdown.index("**Isolated systems:**")
        assert page.index('id="landscape"') < page.index('id="dummy"') < page.index("<footer")


def test_a_section_that_does_not_apply_shows_nowhere(bank, monkeypatch):
    never = dataclasses.replace(_dummy(), applies=lambda context: False)
    monkeypatch.setattr("silomap._reports.sections.SECTIONS", (*SECTIONS, never))
    assert "Dummy" not in summary(bank.analysis)
    assert "dummy" not in _markdown(bank)
    assert 'id="dummy"' not in _html(bank, monkeypatch)
