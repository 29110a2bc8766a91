"""The report's landscape (issue 28): a split landscape shows, on screen and on paper, every drawing of
the set fitted to an A3 page (its overview and one per group), each opening at full size, each
name escaped; a landscape drawn whole on screen is fitted to A3 for paper only."""

from __future__ import annotations

import re

import pytest

import silomap
from silomap._diagrams import Measure
from silomap._reports.html import print_width

from .conftest import MODELS
from .landscapes import landscape


@pytest.fixture(scope="module")
def grouped() -> str:
    return silomap.report(landscape(120), renderer="embedded")


def test_a_split_landscape_shows_every_group_fitted_to_a3(grouped):
    # 120 generated systems of 15 teams (120 // 8), 8 systems each (tests/landscapes.py): owner
    # teams, as none has more than 20 systems (A3's most), so the overview and 15 team drawings
    fitted = re.findall(r'<div class="fit" id="(landscape-[a-z0-9-]+)"', grouped)
    teams = [f"landscape-group-team-{n:02d}" for n in range(15)]
    assert fitted == ["landscape-overview", *teams]
    assert 'class="fitted print-only"' not in grouped  # shown on screen too, not for paper alone
    assert 'id="landscape-full"' not in grouped  # no whole drawing: the overview stands for it
    note = grouped.split('id="landscape"', 1)[1].split("</p>", 1)[0]
    # the note links every group's drawing, which opens at full size (its figure is the :target)
    assert re.findall(r'href="#([^"]+)-full"', note) == teams
    for name in ["landscape-overview", *teams]:
        assert f'<figure class="wide" id="{name}-full">' in grouped
        assert f'<a class="open" href="#{name}-full">Open at full size</a>' in grouped
    assert "Team 14, 8 systems</a>." in note  # each link named by its group's title
    assert "8 biggest" not in grouped and "--view group --group ID" not in grouped


def test_a_whole_landscape_is_fitted_for_paper_only():
    page = silomap.report(silomap.load(MODELS / "retail-bank"), renderer="embedded")
    screen = page.split('<div class="screen-only">', 1)[1].split("</div>", 1)[0]
    assert 'id="landscape-full"' in screen  # on screen: the landscape whole, as it was
    paper = page.split('<div class="fitted print-only">', 1)[1]
    assert paper.count('<div class="fit" ') == 1 + 8  # the overview and its 8 owner teams


def test_group_names_are_escaped_in_the_landscape():
    model = landscape(60)
    hostile = '<img src=x onerror=alert(1)> & "team"'
    teams = [t.model_copy(update={"name": f"{hostile} {t.id}"}) for t in model.teams]
    page = silomap.report(model.model_copy(update={"teams": teams}), renderer="embedded")
    section = page.split('id="landscape"', 1)[1]
    assert "<img" not in section and "&lt;img src=x onerror=alert(1)&gt; &amp;" in section


def test_a_drawing_prints_with_its_smallest_text_at_6_pt():
    # 9-pt labels at 6 / 9 of the drawing's size: 939 pt wide prints 939 x 6 / 9 = 626 pt wide
    assert print_width(Measure(939.0, 587.0, 1.6, 1.0, 9.0, 0, 0)) == 626.0
    # measured on A3 at a scale of 0.5 (its 9-pt labels at 4.5 pt): the same drawing at its own size
    assert print_width(Measure(939.0, 587.0, 1.6, 0.5, 4.5, 0, 0)) == 626.0
    # never enlarged: 4-pt text stays 4 pt (scale 1), the drawing at its own 300 pt
    assert print_width(Measure(300.0, 200.0, 1.5, 1.0, 4.0, 0, 0)) == 300.0
    # too wide for A3 at 6 pt (2,400 x 6 / 9 = 1,600 pt): the page's 400 mm, 1,133.9 pt, rounded up
    assert print_width(Measure(2400.0, 500.0, 4.8, 1.0, 9.0, 0, 0)) == pytest.approx(1133.9, abs=0.05)
