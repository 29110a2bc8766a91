"""Same pixels on every machine: the shipped font lays out and draws every label, and labels fit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import silomap
from silomap._diagrams import group_keys
from silomap._diagrams.render import render_svgs
from silomap._diagrams.typeface import FONT_FILE, text_width

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
MODELS = ("retail-bank", "telecom", "university")


def every_view(model: silomap.Model) -> list[silomap.Diagram]:
    views = [silomap.diagram(model, "landscape")]
    views += [silomap.diagram(model, "journey", journey=j.id) for j in model.journeys]
    views += [silomap.diagram(model, "question", question=q.id) for q in model.questions]
    # the groups the landscape is split into (issue 28: a model naming no owner has no owner groups)
    views += [silomap.diagram(model, "group", group=key) for key in group_keys(model, "auto")]
    return views


def box(group: ElementTree.Element) -> tuple[float, float] | None:
    """The left and right edge of a node's outline, or None for a node drawn without one."""
    for shape in group:
        tag = shape.tag.removeprefix(SVG)
        if shape.get("stroke") in ("none", "transparent") and shape.get("fill") in ("none", "transparent"):
            continue
        if tag == "ellipse":
            cx, rx = float(shape.get("cx", 0)), float(shape.get("rx", 0))
            return cx - rx, cx + rx
        if tag in ("polygon", "path"):
            numbers = [
                float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("points") or shape.get("d") or "")
            ]
            xs = numbers[0::2]
            return min(xs), max(xs)
    return None


def misfits(svg: str) -> list[str]:
    """Every text line wider than its node's box, measured with the shipped font."""
    out = []
    for group in ElementTree.fromstring(svg[svg.index("<svg") :]).iter(f"{SVG}g"):
        if group.get("class") != "node" or (edges := box(group)) is None:
            continue
        for text in group.iter(f"{SVG}text"):
            width = text_width(text.text or "", float(text.get("font-size", 14)))
            middle = float(text.get("x", 0))
            if middle - width / 2 < edges[0] - 0.5 or middle + width / 2 > edges[1] + 0.5:
                out.append(f"{text.text!r}: {width:.1f} pt in {edges[1] - edges[0]:.1f} pt")
    return out


@pytest.mark.parametrize("name", MODELS)
def test_every_label_fits_its_box(name):
    pictures = every_view(silomap.load(ROOT / "models" / name))
    svgs = render_svgs([p.dot for p in pictures], "embedded")
    checked = sum(len(re.findall(r'class="node"', svg)) for svg in svgs)
    assert checked > 20
    assert [m for svg in svgs for m in misfits(svg)] == []


IMPORTS = [("archimate", "archimate/archi_Archisurance_OEF.xml"), ("structurizr", "structurizr/BigBank.workspace.json"),
           ("bpmn", "bpmn/miwg_C.4.0.bpmn"), ("bpmn", "bpmn/miwg_C.5.0.bpmn")]  # fmt: skip


@pytest.mark.parametrize(("kind", "path"), IMPORTS, ids=[p for _, p in IMPORTS])
def test_every_label_fits_its_box_in_imported_models(kind, path):
    model = silomap.import_model(ROOT / "tests" / "data" / path, kind).model
    pictures = every_view(model)
    svgs = render_svgs([p.dot for p in pictures], "embedded")
    assert [m for svg in svgs for m in misfits(svg)] == []


def test_the_check_catches_a_label_that_spills():
    # a node forced narrower than its text: the check must see it
    svg = render_svgs(['digraph { node [fontname="Liberation Sans", fixedsize=true, width=0.3] a [label="a long label"] }'],
                      "embedded")[0]  # fmt: skip
    assert len(misfits(svg)) == 1


def config(folder: Path, fonts: Path | None) -> Path:
    path = folder / "fonts.conf"
    where = f"<dir>{fonts}</dir>" if fonts else ""
    path.write_text(f'<?xml version="1.0"?><fontconfig>{where}<cachedir>{folder}/c</cachedir></fontconfig>')
    return path


def test_png_has_the_same_pixels_whatever_fonts_the_machine_has(tmp_path, monkeypatch):
    """No fonts at all, only a wider font (DejaVu Sans, as on machines without Liberation),
    or this machine's own: the PNG is the same, byte for byte."""
    matplotlib = pytest.importorskip("matplotlib")
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    picture = silomap.diagram(silomap.load(ROOT / "models/retail-bank"), "journey", journey="move-house")
    normal = picture.render("png", renderer="embedded")
    for name, fonts in (("empty", None), ("dejavu", dejavu)):
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.setenv("FONTCONFIG_FILE", str(config(folder, fonts)))
        assert picture.render("png", renderer="embedded") == normal, name
    assert normal.startswith(b"\x89PNG") and len(normal) > 20_000
    # the control: the same SVG drawn by a converter that takes the machine's fonts (here DejaVu) differs
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "dejavu" / "fonts.conf")}
    drawn = subprocess.run([sys.executable, "-c", CONVERT], input=picture.svg().encode(), env=env,
                           capture_output=True, check=True).stdout  # fmt: skip
    assert drawn.startswith(b"\x89PNG") and drawn != normal


CONVERT = "import sys, cairosvg; sys.stdout.buffer.write(cairosvg.svg2png(bytestring=sys.stdin.buffer.read(), scale=2))"


def test_the_font_ships_with_its_licence():
    assert FONT_FILE.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    licence = (FONT_FILE.parent / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Liberation" in licence


def test_the_svg_names_fonts_with_the_same_widths_for_browsers():
    svg = silomap.diagram(silomap.load(ROOT / "models/university"), "landscape").svg()
    assert 'font-family="Liberation Sans,Arimo,Arial,Helvetica,sans-serif"' in svg
    assert 'font-family="Liberation Sans"' not in svg
