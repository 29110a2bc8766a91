"""Every PNG silomap writes says its resolution (a pHYs chunk), so it prints and pastes at its size."""

from __future__ import annotations

import re
import struct
import zlib

import pytest

import silomap
from silomap._cli import main

from .conftest import MODELS


def chunks(png: bytes) -> dict[bytes, bytes]:
    """The PNG's chunks by type (the first of each), read by hand; every CRC checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found: dict[bytes, bytes] = {}
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found.setdefault(kind, data)
        at += 12 + length
    return found


def dpi(png: bytes) -> tuple[float, float]:
    """The resolution the pHYs chunk says, in dots per inch (PNG counts pixels per metre)."""
    x, y, unit = struct.unpack(">IIB", chunks(png)[b"pHYs"])
    assert unit == 1  # the metre
    return x * 0.0254, y * 0.0254


def test_a_diagram_png_is_as_wide_on_paper_as_its_svg(tmp_path, capsys):
    """CairoSVG draws 96 px to the inch, twice over: 192 dpi, 7,559 pixels per metre
    (192 / 0.0254 = 7,559.06). Then the PNG's width in pixels over its dpi is the SVG's width in
    points over 72, to a pixel."""
    target = tmp_path / "journey.png"
    args = ["render", str(MODELS / "retail-bank"), "--view", "journey", "--journey", "move-house"]
    assert main([*args, "--renderer", "embedded", "-o", str(target)]) == 0, capsys.readouterr()
    png = target.read_bytes()
    assert struct.unpack(">IIB", chunks(png)[b"pHYs"]) == (7559, 7559, 1)
    width_px = struct.unpack(">I", chunks(png)[b"IHDR"][:4])[0]
    svg = silomap.diagram(silomap.load(MODELS / "retail-bank"), "journey", journey="move-house").svg()
    width_pt = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    assert width_px / dpi(png)[0] == pytest.approx(width_pt / 72, abs=1 / 96)


def test_the_history_chart_png_says_150_dpi():
    """The chart is drawn at 150 dpi: 150 / 0.0254 = 5,905.5 pixels per metre, 5,906 rounded."""
    pytest.importorskip("matplotlib")
    from silomap._charts import trend_chart

    points = [("a1", "2026-01-01T00:00:00+00:00", 50.0, {}), ("b2", "2026-03-01T00:00:00+00:00", 40.0, {})]
    x, y, unit = struct.unpack(">IIB", chunks(trend_chart(points, "png"))[b"pHYs"])
    assert (x, y, unit) == (5906, 5906, 1)
