"""The report on paper (issue 28): which drawings print, and what the page says when one cannot
print at 6 pt. The print rules themselves are measured in the PDF and browser tests."""

from __future__ import annotations

import re

import pytest

import silomap
from silomap._reports import html as report_html
from silomap._reports.html import html_report

from .conftest import MODELS

MM = 72 / 25.4


def _tall() -> silomap.Model:
    """One question whose one datum 40 systems expose: a fan-out of 40 boxes one under another."""
    S = silomap
    systems = [S.System(id=f"s{i:02d}", name=f"System {i:02d}", holds=("e",)) for i in range(40)]
    return S.Model(silomap=1, name="Tall", entities=[S.Entity(id="e")], systems=systems,
                   questions=[S.Question(id="where", text="Where is it?", needs=("e",))])  # fmt: skip


def test_a_drawing_too_tall_for_a_page_says_how_small_it_prints():
    page = html_report(_tall(), silomap.analyze(_tall()), renderer="embedded")
    figure = page[page.index('<h3 id="q-where">') :]
    svg = re.search(r'<svg style="--print-width: ([\d.]+)pt" width="([\d.]+)pt" height="([\d.]+)pt"', figure)
    assert svg is not None
    printed, width, height = (float(v) for v in svg.groups())
    # its 9-pt labels at 6 / 9 would need height x 6 / 9 > 250 mm: it is fitted to 250 mm instead
    assert height * 6 / 9 > 250 * MM
    scale = 250 * MM / height
    assert printed == pytest.approx(width * scale, abs=0.1)  # rounded up to a tenth
    small = f"{9 * printed / width:.1f}"
    assert f"printed with its smallest text at {small} pt" in figure
    assert float(small) < 6


def test_a_drawing_out_of_time_is_not_counted_as_printed(monkeypatch):
    """The first journey's and the first question's drawings ran out of time: the next two of each
    are printed, and the notes name them."""
    real = report_html.render_within

    def first_blank(sources, renderer, budget):
        drawn = real(sources, renderer, budget)
        return ["" if n in (0, 5) else svg for n, svg in enumerate(drawn)]  # 5 journeys, then questions

    monkeypatch.setattr(report_html, "render_within", first_blank)
    model = silomap.load(MODELS / "retail-bank")
    page = html_report(model, silomap.analyze(model), renderer="embedded")
    assert page.count("the report's diagrams have 120 s in all and ran out") == 2
    assert page.count("On paper, only the blueprints of move-house and explore-mortgage are drawn") == 2
    drawings = "the drawings of why-was-my-card-declined and where-is-my-loan-application are drawn"
    assert page.count(drawings) == 2
