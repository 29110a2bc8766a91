"""The PDF report (issue 28): ``silomap report MODEL -o report.pdf`` lays the HTML report out on
paper with WeasyPrint, written whole or not at all, and says how to install WeasyPrint when it is
missing. The PDF is read back page by page (pypdf's text extraction)."""

from __future__ import annotations

import base64
import math
import re
import sys
from pathlib import Path

import pypdf
import pytest

import silomap
from silomap._cli import main
from silomap._reports.html import html_report
from silomap._reports.pdf import html_to_pdf

from .conftest import MODELS, ROOT

A4, A3_LANDSCAPE = (595, 842), (1191, 842)  # points: 210 x 297 mm and 420 x 297 mm


def _words(text: str) -> str:
    """A page's text with its line breaks and runs of spaces as single spaces."""
    return re.sub(r"\s+", " ", text)


def _text_sizes(page: pypdf.PageObject) -> list[float]:
    """The size in points at which each piece of text on ``page`` is printed."""
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            sizes.append(size * math.hypot(a, b))

    page.extract_text(visitor_text=visit)
    return sizes


def _text_starts(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """Where on ``page`` (points from its left edge) each piece of text starts, and the text."""
    starts: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            starts.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    return starts


@pytest.mark.needs("pdf")
def test_report_pdf_page_by_page(tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", str(MODELS / "retail-bank"), "-o", str(out), "--renderer", "embedded"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    pages = pypdf.PdfReader(out).pages
    texts = [_words(page.extract_text()) for page in pages]
    assert "Silo report: Northwind Retail Bank" in texts[0]
    # the score line: 40.0 of 100, "partly integrated" (20 to 40 is integrated, 40 to 60 partly)
    assert "40.0 / 100" in texts[0] and "partly integrated" in texts[0]
    titles = [  # every section's heading, as the HTML page shows it for this model
        "By life-cycle stage", "The whole model", "What to fix first", "What drives the score",
        "Journeys that hurt most", "What customers say: KPIs", "Channel parity",
        "Questions that need the most systems", "Agent desktops", "Unsynced data",
        "Isolated systems, manual integrations, unbacked answers", "The landscape",
    ]  # fmt: skip
    for title in titles:
        assert any(title in text for text in texts), title
    heading = [n for n, text in enumerate(texts) if "The landscape" in text]
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    wide = [n for n, size in enumerate(sizes) if size == A3_LANDSCAPE]
    # the landscape fitted to A3 (its overview and its 8 owner teams' drawings) on the last two
    # pages, A3 landscape, of their own: 10 A4 pages and 2 A3, 12 in all
    assert wide == [heading[0], heading[0] + 1] == [len(pages) - 2, len(pages) - 1]
    assert set(sizes) == {A4, A3_LANDSCAPE}
    assert len(pages) <= 12
    landscape = texts[wide[0]] + texts[wide[1]]
    assert "Northwind Retail Bank: 19 systems in 8 groups by owner" in landscape
    for team in ("IT Core Banking, 4 systems", "Digital Channels, 4 systems", "Customer Relations, 1 system"):
        assert team in landscape, team
    # the three stage cards share A4's 527-pt content width (12 mm margins) in thirds: the third
    # starts by 34 + 2/3 x 527 = 385 pt, its text 9 pt padding in (it once started at 434 pt and
    # ran past the page's edge, its figures cut off)
    cards = [x for x, text in _text_starts(pages[0]) if text.startswith("Systems per question")]
    assert len(cards) == 3 and max(cards) <= 34 + 2 / 3 * 527 + 9 + 12, cards
    # every drawing of the landscape prints at 6 / 9 of its size, so its smallest label, 9 pt, at
    # 9 x 6 / 9 = 6 pt (its width rounded up to a tenth of a point: never under). Whole, the
    # landscape (2,048 x 1,122 pt) printed at min(396 / 722.5, 240 / 395.8) = 0.548, 4.93 pt.
    smallest = min(size for n in wide for size in _text_sizes(pages[n]))
    assert smallest >= 6 - 1e-6 and smallest == pytest.approx(6, abs=0.01)
    # every other drawing prints with its smallest text at 6 pt too: a blueprint's or fan-out's
    # 9-pt labels at 6 / 9 of its size, the charts' 10-pt text at 6 / 10 (it was 2.49 pt, the
    # 872-pt fan-out squeezed to 85 mm); no text on any page below 6 pt
    for n, page in enumerate(pages):
        assert min(_text_sizes(page)) >= 6 - 1e-6, n + 1
    a4_sizes = [size for n, page in enumerate(pages) if n not in wide for size in _text_sizes(page)]
    assert min(a4_sizes) == pytest.approx(6, abs=0.01)
    # the 2 worst journeys' blueprints and the 2 worst questions' fan-outs are drawn on paper (each
    # titled in its drawing); the 3rd to 5th of each print their evidence and a note instead
    everything = " ".join(texts)
    # the drawings' own titles: report-lost-card's 2 hand-offs and move-house's 3 (the journeys
    # table's first two rows); the two questions' covers of 2 systems each
    assert re.findall(r"\(after-sales\): (\d+) hand-offs?,", everything) == ["2", "3"]
    assert re.findall(r"“([^”]+)” needs (\d+) systems", everything) == [
        ("Where is my replacement card?", "2"),
        ("Why was my card declined?", "2"),
    ]
    assert everything.count("On paper, only the blueprints of report-lost-card and move-house are drawn") == 3
    drawn = "On paper, only the drawings of where-is-my-card and why-was-my-card-declined are drawn"
    assert everything.count(drawn) == 3
    for journey in ("explore-mortgage", "apply-for-loan", "complain"):
        assert f"silomap render MODEL --journey {journey} -o FILE" in everything, journey
    assert "Too big for the page" not in everything  # every printed drawing's text at 6 pt
    assert_drawn_with_their_evidence(texts)


# each printed drawing's title (in the drawing), and the first line of the evidence above it
PRINTED = {
    "(after-sales): 2 hand-offs,": "Hand-off after tell-the-bot",  # report-lost-card
    "(after-sales): 3 hand-offs,": "Hand-off after call-about-card",  # move-house
    "“Where is my replacement card?” needs 2 systems": "card-order is exposed by",
    "“Why was my card declined?” needs 2 systems": "transaction is exposed by",
}


def assert_drawn_with_their_evidence(texts: list[str]) -> None:
    """Each printed drawing is on the page of its heading and evidence (not after it, alone)."""
    for title, evidence in PRINTED.items():
        pages = [n for n, text in enumerate(texts) if title in text]
        assert len(pages) == 1 and evidence in texts[pages[0]], (title, pages)


def _drawn(model: Path) -> dict[str, tuple[float, float, float]]:
    """Each drawing of the report under a heading: its width and height in points and its smallest
    text, read from the SVG the page inlines."""
    page = html_report(silomap.load(model), silomap.analyze(silomap.load(model)), renderer="embedded")
    out = {}
    for part in re.split(r"<h3[^>]*>", page)[1:]:
        heading, section = part.split("<", 1)[0].strip(), part.split("<h2", 1)[0]
        svg = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt".*?</svg>', section, re.S)
        if svg is not None:
            sizes = [float(v) for v in re.findall(r'font-size(?:="|: )([\d.]+)', svg.group(0))]
            out[heading] = (float(svg.group(1)), float(svg.group(2)), min(sizes))
    return out


def test_the_print_figures_in_the_docs_are_worked_as_they_say():
    """docs/report.md's print view, its arithmetic worked here by hand (the PDF and browser tests
    measure the same figures in the printed pages)."""
    page = " ".join((ROOT / "docs" / "report.md").read_text(encoding="utf-8").split())
    mm = 72 / 25.4  # points in a millimetre
    # A4 less 12-mm margins: 186 mm wide; 250 of its 273 mm high
    assert f"within 186 × 250 mm of the page ({186 * mm:.1f} × {250 * mm:.1f} pt;" in page  # 527.2 x 708.7
    # the drawings as the report draws them: their size and smallest text, read from its SVGs
    drawn = _drawn(ROOT / "models" / "retail-bank")
    (w, h, smallest) = drawn["Move house"]
    assert smallest == 9  # 9-pt labels at 6 pt: 6 / 9 of the size, within 186 x 250 mm
    assert w * 6 / 9 <= 186 * mm and h * 6 / 9 <= 250 * mm
    assert (
        f"move-house's blueprint ({w:g} × {h:g} pt) prints {w * 6 / 9:g} × {h * 6 / 9:.1f} pt "
        f"({w * 6 / 9 / mm:.0f} × {h * 6 / 9 / mm:.0f} mm)" in page
    )  # 738 x 662 -> 492 x 441.3 pt, 174 x 156 mm
    (w, _, smallest) = drawn["The roadmap: the best fix, then the best after it"]
    assert (
        f"the roadmap's ({w:g} pt wide, its smallest text {smallest:g} pt) at 6 / {smallest:g}, {w * 6 / smallest:g} pt wide"
        in page
    )
    (w, _, smallest) = drawn["Frictions against NPS"]
    assert (
        f"NPS ({w:g} pt wide, its points' labels {smallest:g} pt) at 6 / {smallest:g}, {w * 6 / smallest:g} pt wide"
        in page
    )
    assert (
        "the drawings of the **first 2 journeys** and the **first 2 questions** of the ranking are printed"
        in page
    )
    # before: every drawing at most 85 mm high; the 872-pt fan-out's 9-pt labels at 9 x 240.9 / 872
    (_, h, smallest) = drawn["When will I get my mortgage offer?"]
    assert f"the labels of the {h:g}-pt-high fan-out of" in page
    assert f"at {smallest * 85 * mm / h:.1f} pt and a blueprint's at about" in page
    width, height = (420 - 20) * mm, (297 - 20) * mm  # A3 landscape less 10 mm each side
    assert f"277 mm, {width:,.1f} × {height:.1f} pt, the page `--page a3` fits)" in page
    # the heading in 10 mm: (297 - 2 x 5) mm less the drawings' 277 mm, 28.3 pt for 12-pt text
    assert "in 5 mm of the top and bottom margins" in page and (297 - 2 * 5 - 277) * mm > 12 * 1.2 + 2
    whole = width / 2048  # the whole landscape, 2,048 pt wide, fitted to the page's width
    assert (
        f"would print at 1,133.9 / 2,048 = {whole:.2f} of its size, its smallest label, 9 pt, at {9 * whole:.1f} pt"
        in page
    )
    assert (
        f"9 pt, prints at **{9 * 6 / 9:g} pt** (a drawing 939 pt wide prints {939 * 6 / 9:g} pt wide" in page
    )
    assert "the 9 drawings take two A3 pages" in page  # the overview and 8 teams: 1 + 8
    assert "text at 9.5 pt and tables at 8 pt" in page
    css = (ROOT / "src" / "silomap" / "_reports" / "sections" / "page.css.j2").read_text(encoding="utf-8")
    assert "body { font-size: 9.5pt;" in css and "table { font-size: 8pt; }" in css
    assert "figure svg { width: var(--print-width, auto);" in css
    assert "@page wide { size: A3 landscape; margin: 5mm 10mm; }" in css
    assert "prints on **12 pages**: 10 A4 and the landscape's 2 A3" in page


@pytest.mark.needs("pdf")
def test_report_pdf_from_the_library():
    pdf = silomap.report(silomap.load(MODELS / "telecom"), "pdf", renderer="embedded")
    assert pdf[:5] == b"%PDF-"


@pytest.mark.needs("pdf")
def test_pdf_fetches_nothing_but_data_urls(tmp_path):
    """A page that names a local file gets no image from it: WeasyPrint reads data: URLs only."""
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    local = tmp_path / "dot.png"
    local.write_bytes(png)
    inline = f"data:image/png;base64,{base64.b64encode(png).decode()}"
    for src, images in ((inline, 1), (local.as_uri(), 0)):
        pdf = tmp_path / "page.pdf"
        pdf.write_bytes(html_to_pdf(f'<p>x</p><img src="{src}" width="10" height="10">'))
        assert len(pypdf.PdfReader(pdf).pages[0].images) == images, src


def test_report_pdf_without_weasyprint(tmp_path, capsys, monkeypatch):
    """Without the extra: exit 2 before any work, naming the install command; an existing file
    at the output stays as it was."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the last report")
    assert main(["report", str(MODELS / "retail-bank"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "PDF reports need WeasyPrint: pip install 'silomap[pdf]'" in err
    assert "Traceback" not in err
    assert out.read_bytes() == b"the last report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no temporary file left
    with pytest.raises(silomap.UsageError, match=r"pip install 'silomap\[pdf\]'"):
        silomap.report(silomap.load(MODELS / "telecom"), "pdf")


def test_a_pdf_name_with_another_format_is_refused(tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", str(MODELS / "retail-bank"), "--format", "md", "-o", str(out)]) == 2
    assert "ends in .pdf" in capsys.readouterr().err
    assert not out.exists()
