"""The HTML report in a real browser: headless Chromium loads it with no console message,
every section is there, and a screenshot is saved for a person to look at.

Skipped, with the reason shown, only where no Chromium can be found (set SILOMAP_CHROMIUM
to point at one). The screenshot goes to $SILOMAP_SCREENSHOTS when set, else the test's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

import silomap
from silomap._reports.html import html_report

from .conftest import BROWSER, MODELS, ROOT
from .test_pdf_report import _text_sizes, assert_drawn_with_their_evidence

pytestmark = pytest.mark.needs("chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
]  # fmt: skip


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def screenshot(page: Path, tmp_path: Path, name: str, size: str) -> Path:
    """A screenshot of ``page`` at ``size`` (``1280,1600``), in $SILOMAP_SCREENSHOTS or ``tmp_path``."""
    shots = Path(os.environ.get("SILOMAP_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    shot = shots / name
    taken = chromium(page, tmp_path / f"profile-{name}", f"--window-size={size}", f"--screenshot={shot}")
    assert taken.returncode == 0
    return shot


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_harness_sees_console_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"
        "<img src='http://example.invalid/x.png'><script>console.error('boom')</script>"
    )
    assert console(chromium(bad, tmp_path / "profile", "--dump-dom").stderr)


def test_report_in_chromium(tmp_path):
    model = silomap.load(MODELS / "retail-bank")
    page = tmp_path / "report.html"
    page.write_text(html_report(model, silomap.analyze(model), renderer="embedded"), encoding="utf-8")
    loaded = chromium(page, tmp_path / "profile", "--dump-dom")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert console(loaded.stderr) == []
    dom = loaded.stdout
    assert '<div class="score">40.0<small> / 100</small></div>' in dom
    for section in ("components", "journeys", "questions", "desktop", "sync", "gaps", "landscape"):
        assert f'id="{section}"' in dom
    # 11 diagrams, the roadmap chart and the frictions-versus-NPS chart; and, for paper only, the
    # landscape fitted to A3: its overview and one drawing for each of its 8 owner teams
    assert dom.count("<svg") == 13 + 1 + 8
    shot = screenshot(page, tmp_path, "report.png", "1280,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = tmp_path / "report.pdf"
    chromium(page, tmp_path / "profile3", f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert printed.read_bytes()[:5] == b"%PDF-"


MEASURE = """<script>
function measure() {
const out = [];
for (const svg of document.querySelectorAll("figure svg")) {
  if (!svg.querySelector("g.graph")) continue;  // Graphviz drawings; charts draw text as paths
  if (!svg.getClientRects().length) continue;  // not shown on screen (the landscape fitted for paper)
  let smallest = Infinity;
  for (const text of svg.querySelectorAll("text")) {
    const size = parseFloat(text.getAttribute("font-size"));
    const m = text.getScreenCTM();
    smallest = Math.min(smallest, size * Math.hypot(m.a, m.b));
  }
  const box = svg.getBoundingClientRect();
  const figure = svg.closest("figure");
  out.push({smallest: smallest, scale: box.width / svg.viewBox.baseVal.width,
            frame: svg.parentElement.clientWidth, width: box.width, right: box.right,
            viewport: document.documentElement.clientWidth, wide: figure.classList.contains("wide"),
            fixed: getComputedStyle(figure).position === "fixed", id: figure.id});
}
document.body.insertAdjacentHTML("beforeend", "<pre id='measured'>" + JSON.stringify(out) + "</pre>");
}
OPEN
</script>"""


def measured(page: Path, profile: Path, width: int = 1280, open_full: bool = False) -> list[dict[str, Any]]:
    """Each Graphviz drawing's smallest label in screen pixels, its scale and its box, in a window
    ``width`` px wide; with ``open_full``, after a click on the first "Open at full size" link."""
    html = page.read_text(encoding="utf-8")
    opener = ('document.querySelector("figure.wide a.open").click(); setTimeout(measure, 100);'
              if open_full else "measure();")  # fmt: skip
    # the report forbids scripts; this copy lets one measure it, and is otherwise the same page
    probe = page.with_name("probe.html")
    probe.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
                     .replace("</body>", MEASURE.replace("OPEN", opener) + "</body>"), encoding="utf-8")  # fmt: skip
    done = chromium(probe, profile, f"--window-size={width},1600", "--virtual-time-budget=5000", "--dump-dom")
    found = re.search(r"<pre id=\"measured\">(.*?)</pre>", done.stdout, re.S)
    assert found, done.stderr[-2000:]
    return json.loads(found.group(1))


def big_model(teams: int = 6, each: int = 20) -> silomap.Model:
    """120 systems and 300 integrations: past 400 boxes and lines, so an overview and groups."""
    S = silomap
    systems = [S.System(id=f"s{i}", name=f"System number {i}", owner=f"t{i % teams}", holds=("e",))
               for i in range(teams * each)]  # fmt: skip
    links = [S.Integration(source=f"s{i}", target=f"s{(i * 7 + k) % len(systems)}", carries=["e"])
             for i in range(len(systems)) for k in (1, 3, 11) if (i * 7 + k) % len(systems) != i][:300]  # fmt: skip
    return S.Model(silomap=1, name="big", entities=[S.Entity(id="e")], systems=systems, integrations=links,
                   teams=[S.Team(id=f"t{n}", name=f"Team {n}") for n in range(teams)])  # fmt: skip


@pytest.mark.parametrize("which", ["retail-bank", "big"])
def test_report_labels_are_readable_at_100_percent(tmp_path, which):
    model = big_model() if which == "big" else silomap.load(MODELS / which)
    page = tmp_path / "report.html"
    page.write_text(html_report(model, silomap.analyze(model), renderer="embedded"), encoding="utf-8")
    drawings = measured(page, tmp_path / "profile")
    # big: the overview and its 6 teams of 20 systems, each cut in four to fit A3 (a team's 50 or so
    # integrations inside do not fit, nor do its halves: group-team-0-1-1 ... group-team-5-2-2);
    # retail-bank: 5 blueprints, 5 fan-outs and the landscape (its A3 drawings are for paper only)
    assert len(drawings) == (1 + 6 * 4 if which == "big" else 11)
    for d in drawings:
        if d["wide"]:  # the landscape (and a big one's groups): whole, within its frame, at most natural
            assert d["width"] <= d["frame"] + 0.5, d
            assert d["scale"] <= 4 / 3 + 0.01, d
            continue
        assert d["smallest"] >= 9, d  # px on screen: no label is squeezed below 9 px
        assert d["scale"] == pytest.approx(4 / 3, rel=0.01), d  # drawn at natural size (1 pt = 4/3 px)
    assert sum(d["wide"] for d in drawings) == (1 + 6 * 4 if which == "big" else 1)
    screenshot(page, tmp_path, f"report-{which}.png", "1280,3000")


@pytest.mark.parametrize("width", [1280, 1920])
def test_landscape_is_whole_and_opens_at_full_size(tmp_path, width):
    """Issue 28: at any width the landscape is shown whole (its 1,537-pt drawing, 2,049 px, is
    wider than both windows); its link shows it at natural size over the page, to pan by scrolling."""
    model = silomap.load(MODELS / "retail-bank")
    page = tmp_path / "report.html"
    page.write_text(html_report(model, silomap.analyze(model), renderer="embedded"), encoding="utf-8")
    (fitted,) = [d for d in measured(page, tmp_path / "profile", width) if d["wide"]]
    assert fitted["right"] <= fitted["viewport"], fitted  # nothing cut off at the right
    assert fitted["width"] <= fitted["frame"] + 0.5, fitted
    assert fitted["scale"] < 4 / 3  # fitted: smaller than its natural size at these widths
    assert not fitted["fixed"]
    (full,) = [d for d in measured(page, tmp_path / "profile2", width, open_full=True) if d["wide"]]
    assert full["id"] == "landscape-full" and full["fixed"], full  # over the page, scrolling on its own
    assert full["scale"] == pytest.approx(4 / 3, rel=0.01), full  # natural size: 1 pt = 4/3 px
    assert full["smallest"] >= 9, full  # px: every label readable
    assert full["width"] > full["viewport"], full  # wider than the window: the frame pans


def test_report_prints_on_at_most_12_pages(tmp_path):
    """Printed from Chromium, retail-bank's report is 10 A4 pages and two A3 landscape pages for the
    landscape fitted to A3 (its overview and its 8 owner teams), 12 pages (21 before the print
    rules), every text at 6 pt or more."""
    model = silomap.load(MODELS / "retail-bank")
    page = tmp_path / "report.html"
    page.write_text(html_report(model, silomap.analyze(model), renderer="embedded"), encoding="utf-8")
    printed = tmp_path / "report.pdf"
    chromium(page, tmp_path / "profile", f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    pages = pypdf.PdfReader(printed).pages
    assert len(pages) <= 12
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    a4, a3_landscape = (595, 842), (1191, 842)  # points: 210 x 297 mm, 420 x 297 mm
    wide = [n for n, size in enumerate(sizes) if size == a3_landscape]
    assert wide == [len(pages) - 2, len(pages) - 1] and set(sizes) == {a4, a3_landscape}, sizes
    assert "The landscape" in pages[wide[0]].extract_text()
    landscape = pages[wide[0]].extract_text() + pages[wide[1]].extract_text()
    assert "Northwind Retail Bank: 19 systems in 8 groups by owner" in landscape
    assert "Northwind Retail Bank: system landscape" not in landscape  # not the whole drawing
    # each drawing at 6 / 9 of its size: its 9-pt labels at 6 pt. Chromium prints everything a
    # hair small, page by page (the tables' 8-pt text at 7.995 pt, 6-pt labels at 5.9925 to 6 pt:
    # its page is 1,190.55 pt wide, drawn on 1,191, and it rounds the sizes), so within 0.2 %
    a4_text = min(s for n, p in enumerate(pages) if sizes[n] == a4 for s in _text_sizes(p) if s > 7.9)
    assert a4_text == pytest.approx(8, rel=0.002)
    smallest = min(size for n in wide for size in _text_sizes(pages[n]))
    assert smallest == pytest.approx(6, rel=0.002), smallest
    # the A4 pages' drawings too: each printed with its smallest text at 6 pt (a blueprint's 9-pt
    # labels at 6 / 9 of its size), the two worst journeys' and questions' only
    on_a4 = min(s for n, p in enumerate(pages) if sizes[n] == a4 for s in _text_sizes(p))
    assert on_a4 == pytest.approx(6, rel=0.002), on_a4
    # and each on the page of its heading and evidence (Chromium once put each on the next page)
    assert_drawn_with_their_evidence([re.sub(r"\s+", " ", p.extract_text()) for p in pages])


SITE_MEASURE = """<script>
const out = [];
for (const img of document.querySelectorAll('article img[src$=".svg"]')) {
  const frame = img.parentElement;
  out.push({src: img.getAttribute("src"), width: img.getBoundingClientRect().width, natural: img.naturalWidth,
            frame: frame.clientWidth, scrolls: frame.scrollWidth > frame.clientWidth,
            overflow: getComputedStyle(frame).overflowX});
}
document.body.insertAdjacentHTML("beforeend", "<pre id='measured'>" + JSON.stringify(out) + "</pre>");
</script>"""


def test_docs_site_shows_diagrams_at_natural_size(tmp_path):
    """Issue 28: on the docs site a diagram is never squeezed to the column; a wide one scrolls."""
    mkdocs = shutil.which("mkdocs") or shutil.which("mkdocs", path=str(ROOT / ".venv" / "bin"))
    if mkdocs is None:
        pytest.skip("MkDocs is not installed: pip install '.[docs]'")
    site = tmp_path / "site"
    built = subprocess.run([mkdocs, "build", "-q", "-d", str(site)], cwd=ROOT, capture_output=True, text=True,
                           env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""}, check=False)  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    page = site / "diagrams" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", SITE_MEASURE + "</body>"))
    done = chromium(page, tmp_path / "profile", "--window-size=1280,1600", "--virtual-time-budget=5000",
                    "--dump-dom")  # fmt: skip
    found = re.search(r"<pre id=\"measured\">(.*?)</pre>", done.stdout, re.S)
    assert found, done.stderr[-2000:]
    images = json.loads(found.group(1))
    assert len(images) >= 8
    for image in images:
        assert image["width"] == pytest.approx(image["natural"], abs=1), image  # as drawn
        assert image["overflow"] == "auto", image
    landscape = next(i for i in images if i["src"].endswith("retail-bank-landscape.svg"))
    assert landscape["scrolls"], landscape  # wider than the column: it scrolls rather than shrinks
