"""The Mermaid journey and Mermaid's text limit: Mermaid draws a text of at most 50,000 characters
(its default maxTextSize) and shows 'Maximum text size in diagram exceeded' instead of a longer one.
silomap writes a journey of 50,000 characters and refuses one of 50,001 (SM052, exit 2, nothing
written). The journeys are built to a length worked by hand."""

from __future__ import annotations

import re

import pytest
import yaml

import silomap
from silomap._cli import main
from silomap._diagrams import mermaid_journey

from .conftest import BROWSER, ROOT
from .conftest import MERMAID_JS as MERMAID

# The text of a journey titled 'J' of customer steps on the web, no system, none a hand-off, a
# switch or a re-entry (each scored 5): 'journey\n' (8) + '  title J\n' (10) + '  section Customer\n'
# (19) = 37, then a line '    NAME: 5: Customer\n' a step: 4 + the name + 14 = 18 + the name.
# 229 steps named in 200 characters: 37 + 229 x 218 = 49,959; a last step named in 23 characters
# (18 + 23 = 41) makes 50,000; in 22, 49,999; in 24, 50,001.
HEAD, PER_STEP, FULL = 37, 18, 229


def _model(tmp_path, last: int):  # type: ignore[no-untyped-def]
    """A model whose journey 'j' is 37 + 229 x 218 + 18 + ``last`` characters as Mermaid text."""
    names = ["a" * 200] * FULL + ["b" * last]
    steps = [
        {"id": f"s{i}", "name": name, "actor": "customer", "channel": "web", "systems": []}
        for i, name in enumerate(names)
    ]
    doc = {
        "silomap": 1,
        "name": "Long",
        "systems": [{"id": "web", "kind": "web"}],
        "journeys": [{"id": "j", "name": "J", "stage": "sales", "steps": steps}],
    }
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def _render(model, out) -> int:  # type: ignore[no-untyped-def]
    return main(["render", str(model), "--view", "mermaid-journey", "--journey", "j", "-o", str(out)])


@pytest.mark.parametrize(("last", "size"), [(22, 49_999), (23, 50_000)])
def test_a_journey_up_to_50_000_characters_is_written(tmp_path, capsys, last, size):
    assert HEAD + FULL * (PER_STEP + 200) + PER_STEP + last == size
    out = tmp_path / "j.mmd"
    assert _render(_model(tmp_path, last), out) == 0
    text = out.read_text(encoding="utf-8")
    assert len(text) == size and text.count(": 5: Customer\n") == FULL + 1


def test_a_journey_of_50_001_characters_is_refused_naming_it_the_size_and_the_limit(tmp_path, capsys):
    assert HEAD + FULL * (PER_STEP + 200) + PER_STEP + 24 == 50_001
    out = tmp_path / "j.mmd"
    assert _render(_model(tmp_path, 24), out) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.splitlines()[0] == (
        "error[SM052]: journey 'j' as Mermaid's journey diagram is 50,001 characters, more than the "
        "50,000 Mermaid draws (its maxTextSize: above it Mermaid shows 'Maximum text size in diagram "
        "exceeded'); draw the journey with --view journey to .svg, or split it"
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "long.yaml"]  # nothing written, no temporary file


def test_in_python_the_refusal_names_the_argument(tmp_path):
    model = silomap.load(_model(tmp_path, 24))
    with pytest.raises(silomap.UsageError) as info:
        silomap.diagram(model, "mermaid-journey", journey="j")
    assert info.value.code == "SM052" and "with view='journey' to .svg" in str(info.value)


def test_a_character_beyond_u_ffff_counts_two_as_mermaid_counts_it(tmp_path):
    """Mermaid measures JavaScript's length, in UTF-16 code units: an emoji is two. A last name of
    22 characters, one of them an emoji, is 49,999 characters in Python and 50,000 to Mermaid: drawn;
    of 23 with one emoji, 50,001 to Mermaid: refused."""
    path = _model(tmp_path, 22)
    path.write_text(path.read_text(encoding="utf-8").replace("b" * 22, "b" * 21 + "\U0001f600"), "utf-8")
    text = silomap.diagram(silomap.load(path), "mermaid-journey", journey="j").mermaid
    assert text is not None and len(text) == 49_999 and mermaid_journey.mermaid_length(text) == 50_000
    path = _model(tmp_path, 23)
    path.write_text(path.read_text(encoding="utf-8").replace("b" * 23, "b" * 22 + "\U0001f600"), "utf-8")
    with pytest.raises(silomap.UsageError, match="is 50,001 characters"):
        silomap.diagram(silomap.load(path), "mermaid-journey", journey="j")


@pytest.mark.needs("chromium", "mermaid")
def test_mermaid_draws_50_000_characters_and_not_50_001(tmp_path, monkeypatch):
    """Mermaid itself, in Chromium: the 50,000-character journey is drawn (its steps' words in the
    picture); the 50,001 one, written with the guard lifted, is 'Maximum text size in diagram
    exceeded'."""
    from .test_mermaid import run_in_mermaid

    assert BROWSER is not None and MERMAID.exists()
    drawn = silomap.diagram(silomap.load(_model(tmp_path, 23)), "mermaid-journey", journey="j").mermaid
    monkeypatch.setattr(mermaid_journey, "MAX_TEXT", 60_000)
    over = silomap.diagram(silomap.load(_model(tmp_path, 24)), "mermaid-journey", journey="j").mermaid
    assert drawn is not None and over is not None and (len(drawn), len(over)) == (50_000, 50_001)
    result = run_in_mermaid(tmp_path, {"drawn": drawn, "over": over})
    assert result["drawn"]["verdict"] == "ok" and "b" * 23 in result["drawn"]["texts"]
    assert "Maximum text size in diagram exceeded" in result["over"]["labels"] + result["over"]["texts"]


def _steps(n: int) -> silomap.Model:
    """A journey of ``n`` customer steps named in 200 characters: its blueprint as a Mermaid
    flowchart grows by about 243 characters a step (48,315 at 200 steps, 53,175 at 220)."""
    steps = [silomap.Step(id=f"s{i}", name="a" * 200, actor="customer", channel="web") for i in range(n)]
    return silomap.Model(silomap=1, name="Long", systems=[silomap.System(id="web", kind="web")],
                         journeys=[silomap.Journey(id="j", name="J", stage="sales", steps=steps)])  # fmt: skip


def test_the_other_mermaid_views_are_refused_past_the_limit_when_written(tmp_path, capsys):
    """The journey view's Mermaid flowchart (``-o j.mmd``) is held to the same limit when written:
    refused past it (SM052, nothing written); under it, written as drawn. docs/errors.md quotes
    this 220-step journey's refusal."""
    model = _steps(220)
    text = silomap.diagram(model, "journey", journey="j").mermaid
    assert text is not None and mermaid_journey.mermaid_length(text) > 50_000
    with pytest.raises(
        silomap.UsageError, match=r"the journey view as Mermaid is [\d,]+ characters, more than the 50,000"
    ) as info:
        silomap.diagram(model, "journey", journey="j").save(tmp_path / "j.mmd")
    assert info.value.code == "SM052" and not (tmp_path / "j.mmd").exists()
    size = f"{mermaid_journey.mermaid_length(text):,}"
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert f"is {size} characters" in str(info.value)
    assert f"`the journey view as Mermaid is {size} characters, more than the 50,000 Mermaid draws" in errors
    fits = silomap.diagram(_steps(200), "journey", journey="j")
    assert fits.mermaid is not None and mermaid_journey.mermaid_length(fits.mermaid) <= 50_000
    assert fits.save(tmp_path / "ok.mmd").read_text(encoding="utf-8") == fits.mermaid


def test_the_markdown_report_leaves_out_a_blueprint_mermaid_would_not_draw():
    """A GitHub comment holds 65,536 characters and Mermaid draws 50,000: a 220-step blueprint
    fits the first, not the second, so the comment says so rather than show Mermaid's error."""
    text = silomap.report(_steps(220), fmt="md")
    assert "```mermaid" not in text and len(text) < 65_536
    assert re.search(
        r"\*The blueprint of j is [\d,]+ characters of Mermaid, more than the 50,000 it draws", text
    )
    assert "```mermaid" in silomap.report(_steps(200), fmt="md")  # 48,315: drawn
