"""The landscape's lines and legend, one group drawn whole, Mermaid for every view, notebooks."""

from __future__ import annotations

import re

import graphviz
import pytest

import silomap
from silomap._cli import main
from silomap._diagrams.grouping import collapsed, lines
from silomap._diagrams.legend import Key, finish_svg

from .conftest import ROOT

S = silomap


def two_teams() -> silomap.Model:
    """a <-> b realtime (both ways: one line), a -> b batch, b -> c file, c -> d manual; d isolated."""
    return S.Model(
        silomap=1, name="m", teams=[S.Team(id="x", name="Team X"), S.Team(id="y", name="Team Y")],
        entities=[S.Entity(id=e) for e in ("p", "q", "r")],
        systems=[S.System(id="a", owner="x", holds=("p",)), S.System(id="b", owner="x", holds=("p", "q")),
                 S.System(id="c", owner="y", holds=("q",)), S.System(id="d", owner="y", holds=("r",))],
        integrations=[S.Integration(source="a", target="b", carries=["p"]),
                      S.Integration(source="b", target="a", carries=["p", "q"]),
                      S.Integration(source="a", target="b", carries=["q"], mode="batch"),
                      S.Integration(source="b", target="c", carries=["q"], mode="file"),
                      S.Integration(source="c", target="d", carries=["r"], mode="manual")],
    )  # fmt: skip


def test_one_line_per_pair_and_mode_and_one_label_per_pair():
    """Issue 28: the lines between two systems share one label, a line of it a mode, placed as a
    node of its own that the lines pass through (Graphviz keeps nodes apart)."""
    drawn = silomap.diagram(two_teams(), "landscape").dot
    labels = re.findall(r'^\s*"label:(\d)" \[label="([^"]*)"', drawn, re.M)
    # in their groups' boxes first (1 in Team X, 3 in Team Y), then the one between the groups
    assert labels == [("1", "p, q\\nq (batch)"), ("3", "manual: r"), ("2", "q (file)")]
    edges = re.findall(r'^\s*"(\w+:\w)" -> "(\w+:\w)" \[style="(\w+)"[^\]]*dir="(\w+)"\]', drawn, re.M)
    assert edges == [
        ("system:a", "label:1", "solid", "back"), ("label:1", "system:b", "solid", "forward"),  # both ways
        ("system:a", "label:1", "dashed", "none"), ("label:1", "system:b", "dashed", "forward"),
        ("system:b", "label:2", "dotted", "none"), ("label:2", "system:c", "dotted", "forward"),
        ("system:c", "label:3", "bold", "none"), ("label:3", "system:d", "bold", "forward"),
    ]  # fmt: skip


def test_the_landscape_legend_lists_only_what_is_drawn():
    texts = [k.text for k in silomap.diagram(two_teams(), "landscape").legend]
    assert texts == ["realtime integration", "batch integration", "file transfer", "manual: people copy by hand",
                     "system", "isolated system: no automated integration", "systems of one owner team"]  # fmt: skip
    plain = two_teams().model_copy(update={"integrations": two_teams().integrations[:1]})
    texts = [k.text for k in silomap.diagram(plain, "landscape").legend]
    assert "batch integration" not in texts and "realtime integration" in texts


def test_the_drawing_size_decides_when_a_landscape_is_grouped():
    # issue 28: past 40 systems the landscape is an overview and one drawing per group (41 in a
    # chain: 41 boxes + 40 lines = 81, under the 400 that still split a denser one); 40 is whole
    def chain(n: int) -> silomap.Model:
        systems = [S.System(id=f"s{i}", owner=f"t{i % 5}", holds=("e",)) for i in range(n)]
        links = [S.Integration(source=f"s{i}", target=f"s{i + 1}", carries=["e"]) for i in range(n - 1)]
        return S.Model(silomap=1, name="c", entities=[S.Entity(id="e")], systems=systems, integrations=links)

    assert collapsed(chain(41), None) and not collapsed(chain(40), None)
    assert len(lines(chain(40))) == 39
    assert not collapsed(chain(250), True) and collapsed(chain(40), False)


def test_one_group_drawn_whole_names_its_links_elsewhere(tmp_path, capsys):
    picture = silomap.diagram(two_teams(), "group", group="x")
    assert '"system:a"' in picture.dot and '"system:c"' not in picture.dot
    # b -> c leaves the group: a stub stands for Team Y, the line to it labelled with its data
    assert '"stub:y" [label="to Team Y"' in picture.dot
    assert re.search(r'"label:\d" \[label="q \(file\)"', picture.dot)
    assert '"label:2" -> "stub:y" [style="dotted", penwidth=1.5, dir="forward"]' in picture.dot
    assert main(["render", str(ROOT / "models/retail-bank"), "--view", "group", "--group", "it-core",
                 "-o", str(tmp_path / "g.dot")]) == 0  # fmt: skip
    assert (
        main(["render", str(ROOT / "models/retail-bank"), "--group", "it-cor", "-o", str(tmp_path / "h.dot")])
        == 2
    )
    assert "did you mean 'it-core'?" in capsys.readouterr().err
    # every system is of kind other: no grouping (issue 28), so the group view falls back to clusters
    with pytest.raises(silomap.UsageError, match="no group 'x' when grouping by cluster; groups: c1, c2"):
        silomap.diagram(two_teams(), "group", group="x", group_by="kind")
    kinds = two_teams().model_copy(
        update={"systems": [s.model_copy(update={"kind": "crm"}) for s in two_teams().systems]}
    )
    assert '"system:d"' in silomap.diagram(kinds, "group", group="crm", group_by="kind").dot


def test_mermaid_tells_the_modes_apart():
    text = silomap.diagram(two_teams(), "landscape").mermaid
    assert text is not None
    assert '  s0 <-->|"p, q"| s1' in text
    assert '  s0 -.->|"q (batch)"| s1' in text
    assert '  s1 -.->|"q (file)"| s2\n  linkStyle 2 stroke-dasharray:1 4,stroke-width:2px' in text
    assert '  s2 ==>|"manual: r"| s3\n  linkStyle 3 stroke:#b42318,color:#b42318' in text


def test_the_question_view_has_a_mermaid_form(tmp_path):
    target = tmp_path / "q.mmd"
    assert (
        main(
            ["render", str(ROOT / "models/retail-bank"), "--question", "where-is-my-card", "-o", str(target)]
        )
        == 0
    )
    text = target.read_text()
    assert text.startswith('flowchart LR\n  q0(["Where is my replacement card?"])')
    assert "  class s0,s1 cover" in text


def test_the_legend_goes_under_the_drawing():
    svg = '<?xml version="1.0"?>\n<svg width="300pt" height="100pt"\n viewBox="0.00 0.00 300.00 100.00" x="1">\n<g/>\n</svg>\n'
    out = finish_svg(svg, [Key("line", "batch <integration>", {"style": "dashed"}), Key("box", "system", {})])
    width, height = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', out).groups()
    assert float(width) == 300 and float(height) > 100  # as wide as the drawing, taller by the legend
    assert f'viewBox="0 0 {width} {height}"' in out
    assert '<g id="legend" class="legend"' in out and "batch &lt;integration&gt;" in out
    assert 'stroke-dasharray="5,3"' in out
    assert finish_svg(svg) == svg  # no keys, no legend


def test_notebooks_show_a_diagram_at_its_natural_size_in_a_frame_that_scrolls():
    """Issue 28: never squeezed to the cell. The drawing keeps its width and height in points
    (its labels their size); the frame around it, as wide as the cell, scrolls."""
    picture = silomap.diagram(silomap.load(ROOT / "models/university"), "journey", journey="enrol-and-pay")
    svg = picture.svg()
    shown = picture._repr_mimebundle_()
    assert list(shown) == ["text/html", "image/svg+xml", "text/plain"]
    width, height = re.search(r'<svg width="([\d.]+pt)" height="([\d.]+pt)"', svg).groups()
    frame = re.match(r'<div style="([^"]*)"><svg style="max-width: none; height: auto" (.*)</div>$',
                     shown["text/html"], re.S)  # fmt: skip
    assert frame, shown["text/html"][:200]
    assert "overflow: auto" in frame.group(1) and "max-width: 100%" in frame.group(1)
    assert frame.group(2).startswith(f'width="{width}" height="{height}"')  # as drawn: not squeezed
    assert shown["image/svg+xml"] == svg and shown["text/plain"] == "<silomap journey diagram>"


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (None, None, ["text/html", "image/svg+xml", "text/plain"]),
        (["image/svg+xml"], None, ["image/svg+xml"]),
        (None, ["text/html"], ["image/svg+xml", "text/plain"]),
        (["text/plain", "text/html"], ["text/html"], ["text/plain"]),
        (["image/png"], None, []),  # not a type silomap offers: nothing
    ],
)
def test_notebooks_get_the_types_they_ask_for(include, exclude, expected):
    """As the graphviz package does: ``include`` picks, ``exclude`` removes; nothing else is drawn."""
    # a journey: a landscape is laid out (drawn) when made, to fit (issue 28)
    picture = silomap.diagram(silomap.load(ROOT / "models/telecom"), "journey", journey="report-fault")
    assert list(picture._repr_mimebundle_(include=include, exclude=exclude)) == expected
    if "image/svg+xml" not in expected and "text/html" not in expected:
        assert picture._cache == {}  # the drawing was not made


def test_to_graphviz_gives_the_escaped_dot_to_the_graphviz_package():
    model = two_teams().model_copy(update={"name": 'say "hi" \\N <b>'})
    picture = silomap.diagram(model, "landscape")
    source = picture.to_graphviz()
    assert isinstance(source, graphviz.Source)
    assert source.source == picture.dot
    assert 'label="say \\"hi\\" \\\\N <b>: system landscape"' in source.source


def test_a_hostile_name_cannot_move_the_legend_or_the_fonts():
    name = '<svg width="1pt" height="1pt"\n viewBox="0 0 1 1"> --> font-family="Liberation Sans"'
    svg = silomap.diagram(two_teams().model_copy(update={"name": name}), "landscape").svg()
    root = svg[svg.index("<svg") :]
    assert not root.startswith('<svg width="1pt"') and root.count("<svg") == 1
    assert svg.count('<g id="legend"') == 1 and "font&#45;family=&quot;Liberation Sans&quot;" in svg
