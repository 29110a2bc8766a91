"""The interactive what-if (``silomap.WhatIf``): the plain functions that make the ticked fixes and
measure again, tested without a browser, and the ipywidgets panel, tested headless (its checkboxes
set from Python, its HTML read back)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

import silomap
from silomap._notebook import ticked, ticked_html

from .conftest import MODELS
from .test_report import HOSTILE, model_named


@pytest.fixture(scope="module")
def bank():
    model = silomap.load(MODELS / "retail-bank")
    return model, silomap.fixes(model, top=10, roadmap=0)


def _components(html):
    """The components of the what-if card: name -> (now, with the ticked fixes)."""
    return {
        m[0]: (m[1], m[2]) for m in re.findall(r"<tr><td>(\w+)</td><td>([\d.]+) → ([\d.]+)</td></tr>", html)
    }


def test_nothing_ticked_is_the_model_as_it_is(bank):
    model, found = bank
    state = ticked(model, found, [])
    # the bank's score is 40.0 (docs/metrics.md); no change: the same after, a delta of 0
    assert (state.ranks, state.comparison.before.score, state.comparison.after.score, state.comparison.delta) == (
        (), 40.0, 40.0, 0.0)  # fmt: skip
    shown = _components(ticked_html(state))
    assert len(shown) == 5 and all(now == after for now, after in shown.values())


def test_one_fix_ticked_is_its_whatif(bank):
    model, found = bank
    best = found.fixes[0]  # set-mode crm-northwind -> crm-harbor realtime: 40.04 -> 37.68 (docs/fixes.md)
    state = ticked(model, found, [1])
    assert (best.change.kind, best.score_after) == ("set-mode", 37.68)
    assert state.comparison.after.score == 37.7  # 37.68 to one decimal, as the score is shown
    same = silomap.whatif(model, best.change)
    assert state.comparison.to_dict() == same.to_dict()
    html = ticked_html(state)
    # 37.7 is in 20 to below 40: integrated (docs/metrics.md, the bands); 40.0 was partly integrated
    assert (
        "<p>1 of the fixes ticked</p>" in html and '<span class="sm-score">40.0 → 37.7 (-2.3)</span>' in html
    )
    assert '<span class="sm-band sm-b1">integrated</span>' in html and html.count("silomap · What-if") == 1
    # each component: the value now and with the fix, three decimals, as `silomap whatif` shows them
    shown = _components(html)
    assert list(shown) == [c.name for c in same.before.components]
    for before, after in zip(same.before.components, same.after.components, strict=True):
        assert shown[before.name] == (f"{float(before.value):.3f}", f"{float(after.value):.3f}")
    # a realtime link makes the two CRMs' copies one group: sync drops, hand-offs stay
    assert shown["handoffs"][0] == shown["handoffs"][1] and shown["sync"][1] < shown["sync"][0]


def test_two_fixes_ticked_are_measured_together(bank):
    model, found = bank
    state = ticked(model, found, [3, 1])  # any order: made in rank order
    together = silomap.whatif(model, [found.fixes[0].change, found.fixes[2].change])
    assert state.ranks == (1, 3) and state.comparison.to_dict() == together.to_dict()
    # fix 3 is the roadmap's second step: 40.04 -> 37.68 -> 35.6 (the example notebook prints it)
    assert state.comparison.after.score == 35.6
    assert state.comparison.after.score < ticked(model, found, [1]).comparison.after.score


def test_fixes_that_cannot_be_made_together_say_why(bank):
    model, found = bank
    # fix 2 merges crm-harbor into crm-northwind; fix 8 adds a link to crm-harbor, gone by then
    assert found.fixes[1].change.kind == "merge-systems" and "crm-harbor" in found.fixes[7].change.text
    state = ticked(model, found, [2, 8])
    assert state.comparison is None and "unknown system 'crm-harbor'" in state.problem
    assert ticked_html(state).startswith('<p class="silomap-problem">These fixes cannot be made together: ')


def test_the_blueprint_is_drawn_after_the_fixes(bank):
    model, found = bank
    state = ticked(model, found, [1], journey="move-house", renderer="embedded")
    svg = ET.fromstring(state.svg)
    assert svg.tag.endswith("svg") and "Move house" in state.svg
    html = ticked_html(state)
    assert "<p><b>move-house</b> with the ticked fixes</p>" in html and "<svg" in html


def test_the_panel_ticks_and_checks_its_arguments(bank):
    model, found = bank
    panel = silomap.WhatIf(model, found)
    assert repr(panel) == "<silomap.WhatIf 'Northwind Retail Bank': 10 fixes, ticked []>"
    panel.tick(1)
    panel.tick(3)
    panel.tick(1, on=False)
    assert (
        panel.ticked == (3,)
        and panel.state.comparison.to_dict() == ticked(model, found, [3]).comparison.to_dict()
    )
    with pytest.raises(silomap.UsageError) as caught:
        panel.tick(11)
    assert caught.value.param == "rank"
    with pytest.raises(silomap.UsageError) as caught:
        silomap.WhatIf(model, found, journey="move-home")
    assert (caught.value.param, str(caught.value)) == (
        "journey", "journey= is 'move-home': no journey of the model; did you mean 'move-house'?")  # fmt: skip
    with pytest.raises(silomap.UsageError) as caught:
        silomap.WhatIf(model, "fixes")
    assert caught.value.param == "found"


def test_hostile_names_stay_text():
    model = model_named(HOSTILE)
    panel = silomap.WhatIf(model, silomap.fixes(model, top=3, roadmap=0), journey="j0", renderer="embedded")
    html = panel.html()
    assert "<svg" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # drawn, names as text
    assert not re.search(r"<(script|img|textarea)\b", html) and "{{" not in html.replace("{{ 7*7 }}", "")


def test_without_ipywidgets_the_panel_shows_its_html(bank, monkeypatch):
    model, found = bank
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import now raises ImportError
    panel = silomap.WhatIf(model, found)
    with pytest.raises(silomap.ToolError) as caught:
        panel.widget  # noqa: B018
    assert caught.value.code == "SM044" and "pip install 'silomap[notebook]'" in str(caught.value)
    bundle = panel._repr_mimebundle_()
    assert bundle["text/html"] == panel.html() and bundle["text/plain"] == repr(panel)


@pytest.mark.needs("notebook")
def test_the_widget_headless(bank):
    model, found = bank
    panel = silomap.WhatIf(model, found, renderer="embedded")
    title, *rows, journeys, shown = panel.widget.children
    boxes = panel.widget.boxes
    assert len(rows) == 10 and [row.children[0] for row in rows] == boxes
    assert rows[0].children[1].value == f"1. [quick] {escape(found.fixes[0].summary)}"  # whole, escaped
    assert title.value == "<b>Northwind Retail Bank</b>: tick fixes to see what they change together"
    assert "40.0 → 40.0" in shown.value
    boxes[0].value = True  # a tick, as a click in the browser sets it
    assert panel.ticked == (1,) and "40.0 → 37.7 (-2.3)" in shown.value
    journeys.value = "move-house"
    assert "<p><b>move-house</b> with the ticked fixes</p>" in shown.value and "<svg" in shown.value
    boxes[0].value = False
    assert panel.ticked == () and "40.0 → 40.0" in shown.value
    panel.tick(2)  # from Python: the checkbox follows
    assert boxes[1].value is True and panel.ticked == (2,)
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and bundle["text/html"] == panel.html()


@pytest.mark.needs("notebook")
def test_the_widget_title_escapes_the_model_name():
    model = model_named(HOSTILE)
    title = silomap.WhatIf(model, silomap.fixes(model, top=1, roadmap=0)).widget.children[0]
    assert title.value.startswith("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>")


def test_a_changed_journey_shows_what_changed(bank):
    # fixes 6 and 7 link the systems of a move-house re-entry: it stays a re-entry (2 in all) but one of
    # its 2 silo re-entries becomes a process one; hand-offs (3) and channel switches (2) are unchanged.
    # The card must show the change, not "hand-offs 3 -> 3" alone
    model, found = bank
    rows = 0
    for rank in range(1, len(found.fixes) + 1):
        html = re.sub(r' class="[^"]*"', "", ticked_html(ticked(model, found, [rank])))
        table = html[html.find("Journeys that change") :].split("</table>")[0]
        for row in re.findall(r"<tr><td>[\w-]+</td>((?:<td>[^<]*</td>)+)</tr>", table):
            cells = re.findall(r"<td>([^<]*)</td>", row)
            assert any(c.split(" → ")[0] != c.split(" → ")[1] for c in cells), (rank, row)
            rows += 1
    assert rows >= 4  # fixes 2, 6, 7 and 8 change a journey whose hand-offs stay the same
    html = re.sub(r' class="[^"]*"', "", ticked_html(ticked(model, found, [6])))
    assert "<td>move-house</td><td>3 → 3</td><td>2 (2 silo) → 2 (1 silo)</td><td>2 → 2</td>" in html
