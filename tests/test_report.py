"""The CIO report: content, safety against hostile names, Markdown for pull requests, outputs."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

import silomap
from silomap._cli import main
from silomap._reports.html import html_report
from silomap._reports.markdown import markdown_report

from .conftest import MODELS

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</textarea></title></style>",
    "{{ 7*7 }} {% include '/etc/passwd' %} ${HOME} $(id)",
]


def model_named(names: list[str]) -> silomap.Model:
    """A small model whose every text field (system, team, entity, question, journey, step) uses ``names``."""
    n = len(names)
    S = silomap
    return S.Model(
        silomap=1,
        name=names[0],
        teams=[S.Team(id=f"t{i}", name=names[i]) for i in range(n)],
        entities=[S.Entity(id=f"e{i}", name=names[i]) for i in range(n)],
        systems=[S.System(id=f"s{i}", name=names[i], owner=f"t{i}", holds=(f"e{i}",)) for i in range(n)],
        integrations=[S.Integration(source=f"s{i}", target=f"s{(i + 1) % n}", carries=[f"e{i}"]) for i in range(n)],
        questions=[S.Question(id=f"q{i}", text=names[i], needs=(f"e{i}", f"e{(i + 2) % n}")) for i in range(n)],
        journeys=[
            S.Journey(id="j0", name=names[1], stage="sales", steps=[
                S.Step(id=f"x{i}", name=names[i], actor="customer" if i == 0 else f"t{i}",
                       channel="web" if i % 2 else "phone", systems=(f"s{i}",), captures=("e0",), answers=(f"q{i}",))
                for i in range(n)
            ])
        ],
    )  # fmt: skip


def benign(name: str) -> str:
    """The same length and spaces, nothing special: the same layout, the same wrapping."""
    return re.sub(r"[^ ]", "x", name)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.seen[(tag, tuple(sorted(a for a, _ in attrs)))] += 1
        self.attrs += [(tag, a, v) for a, v in attrs]


def tags(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def hostile_page() -> str:
    model = model_named(HOSTILE)
    return html_report(model, silomap.analyze(model), renderer="embedded")


def test_hostile_names_add_no_markup(hostile_page):
    twin = model_named([benign(n) for n in HOSTILE])
    benign_page = html_report(twin, silomap.analyze(twin), renderer="embedded")
    assert markup(hostile_page) == markup(benign_page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page


def markup(page: str) -> tuple[Counter[tuple[str, tuple[str, ...]]], set[tuple[str, tuple[str, ...]]]]:
    """Every element and its attributes, counted; SVG ``text`` elements only by kind, since a
    diagram draws one per wrapped line and lines wrap at measured widths, which differ between
    a name and its twin of x's."""
    seen = tags(page).seen
    return Counter({k: n for k, n in seen.items() if k[0] != "text"}), {k for k in seen if k[0] == "text"}


def test_templates_in_names_are_not_evaluated(hostile_page):
    assert "{{ 7*7 }}" in hostile_page
    assert ">49<" not in hostile_page and "root:" not in hostile_page


def test_page_loads_nothing_and_runs_nothing(hostile_page):
    parsed = tags(hostile_page)
    assert not [
        t for t, _ in parsed.seen if t in ("script", "iframe", "object", "embed", "foreignobject", "link")
    ]
    for tag, name, value in parsed.attrs:
        assert not name.startswith("on"), (tag, name)
        assert "javascript:" not in (value or "").lower()
        if name in ("href", "xlink:href", "src"):
            assert (value or "").startswith("#"), (tag, name, value)
    assert "default-src 'none'" in hostile_page
    assert hostile_page.count('http-equiv="Content-Security-Policy"') == 1


def test_bank_report_has_every_section_in_impact_order():
    model = silomap.load(MODELS / "retail-bank")
    page = html_report(model, silomap.analyze(model), renderer="embedded")
    for anchor in ("stages", "score", "components", "journeys", "kpis", "parity", "questions", "desktop", "sync",
                   "gaps", "landscape"):  # fmt: skip
        assert f'id="{anchor}"' in page
    # the stages come first, in the customer's order, then the whole model
    assert page.index('id="stages"') < page.index('id="score"')
    assert [
        page.index(f">{n}. {s}<") for n, s in ((1, "Discovery"), (2, "Sales"), (3, "After-sales"))
    ] == sorted(page.index(f">{n}. {s}<") for n, s in ((1, "Discovery"), (2, "Sales"), (3, "After-sales")))
    assert "40.0" in page and "partly integrated" in page
    # journeys ranked by (hand-offs + re-entries) x volume: lost card 6,000, move house 4,000, ...
    order = re.findall(r'<a href="#j-([a-z0-9-]+)">', page)
    assert order[:5] == ["report-lost-card", "move-house", "explore-mortgage", "apply-for-loan", "complain"]
    # five blueprints, five fan-outs, the landscape, the roadmap chart and the frictions-versus-NPS chart;
    # then, for paper, the landscape fitted to A3: its overview and one drawing for each of the 8 teams
    # that own systems (systems.yaml: it-core 4, digital 4, it-crm 3, card-ops, marketing and
    # mortgage-advisors 2, lending-ops and complaints-team 1: 19 systems)
    assert page.count("<svg") == 5 + 5 + 1 + 1 + 1 + 1 + 8
    for j in order[:5]:
        assert f'id="j-{j}"' in page  # every row links to its evidence
    anchors = set(re.findall(r' id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= anchors  # and no link goes nowhere


def test_markdown_survives_hostile_names():
    names = ["a|b", "two\nlines", "`tick`", "[x](javascript:alert(1))", "![t](http://tracker/p.png)",
             "@org/security-team", "#123", "<img src=x onerror=alert(1)>"]  # fmt: skip
    model = model_named(names)
    text = markdown_report(model, silomap.analyze(model))
    tokens = MarkdownIt("gfm-like").parse(text)
    inline = [c for t in tokens for c in (t.children or [])]
    assert not [c for c in inline if c.type in ("link_open", "image")]
    assert not [
        c for c in inline if c.type == "html_inline" and c.content != "<sub>" and c.content != "</sub>"
    ]
    assert "<img" not in text.replace("&lt;img", "")
    fence = re.search(r"```mermaid\n(.*?)```", text, re.S)
    assert fence and "`" not in fence.group(1)  # no name can close the code fence
    prose = text.replace(fence.group(0), "")  # GitHub links and mentions nothing inside code blocks
    assert "@org" not in prose and "#123" not in prose  # no mention, no issue link
    # every table keeps its columns: one header, the separator, then rows of the same width
    for table in re.findall(r"(?:^\|.*\|\n)+", text, re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.strip().split("\n")}
        assert len(widths) == 1, table
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) >= 5


def test_markdown_report_of_the_bank():
    model = silomap.load(MODELS / "retail-bank")
    text = markdown_report(model, silomap.analyze(model))
    assert "**Silo score: 40.0 / 100, partly integrated.**" in text
    assert "| report-lost-card | after-sales | 5 | 2 | 2 (2 / 0) | 1 | 6,000 |" in text
    assert "```mermaid\nflowchart LR" in text
    assert len(text) < 8_000  # fits a pull-request comment with room to spare


def test_report_command_writes_html_and_md(tmp_path, capsys):
    html_path, md_path = tmp_path / "r.html", tmp_path / "r.md"
    assert main(["report", str(MODELS / "telecom"), "-o", str(html_path), "--renderer", "embedded"]) == 0
    assert main(["report", str(MODELS / "telecom"), "--format", "md", "-o", str(md_path)]) == 0
    assert html_path.read_text().startswith("<!DOCTYPE html>")
    assert md_path.read_text().startswith("## Silo report: Brightwave Telecom")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.md"]


def test_report_never_writes_into_the_model(tmp_path, capsys):
    model = tmp_path / "m"
    model.mkdir()
    (model / "a.yaml").write_text("silomap: 1\nname: x\nsystems: [{id: a}]\n")
    assert main(["report", str(model), "-o", str(model / "report.html")]) == 2
    assert "SM050" in capsys.readouterr().err
    assert [p.name for p in model.iterdir()] == ["a.yaml"]


def test_failed_report_leaves_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        "silomap._reports.html.render_within",
        lambda *a, **k: (_ for _ in ()).throw(silomap.ToolError("boom", code="SM041")),
    )
    target = tmp_path / "r.html"
    assert main(["report", str(MODELS / "retail-bank"), "-o", str(target)]) == 3
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="https://x"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><g style="background:url(javascript:1)"/></svg>',
        "<svg><text>unclosed</svg>",
    ],
)
def test_clean_svg_refuses_active_content(svg):
    from silomap._reports.svg import clean_svg

    with pytest.raises(silomap.SilomapError):
        clean_svg(svg)


def test_clean_svg_keeps_escaped_text():
    from silomap._reports.svg import clean_svg

    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg><text>&lt;img onerror=alert(1)&gt;</text></svg>'
    assert str(clean_svg(svg)) == "<svg><text>&lt;img onerror=alert(1)&gt;</text></svg>"


def test_the_report_words_hand_offs_as_the_metric_counts_them():
    """Hand-offs count changes of provider only (docs/metrics.md); the report must not say channel."""
    page = silomap.report(silomap.load(MODELS / "telecom"), renderer="embedded")
    assert "from one provider to the next" in page and "a change of channel alone is not a hand-off" in page
    assert "team or channel to another" not in page


def test_the_report_has_one_time_budget_for_all_its_diagrams(tmp_path, capsys, monkeypatch):
    """Diagrams not drawn in the budget are left out with a note; the report is still written."""
    monkeypatch.setattr("silomap._reports.html.BUDGET", 0.0)
    target = tmp_path / "r.html"
    assert main(["report", str(MODELS / "retail-bank"), "--renderer", "embedded", "-o", str(target)]) == 0
    page = target.read_text()
    assert page.count("<svg") == 2  # the roadmap and NPS charts are no diagrams: matplotlib, in the process
    assert page.count("Not drawn: the report's diagrams have 0 s in all and ran out") == 11
