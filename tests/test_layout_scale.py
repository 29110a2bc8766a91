"""Issue 28: the landscape laid out at scale, measured from Graphviz's own drawing.

Every drawing of a landscape (the whole one, or the overview and each group) has an aspect between
0.4 and 2.5, no label or title overlapping another, no line through a title or another line's
label, and, for a page, text of at least 6 points once fitted to it. Checked on the three bundled
models and on generated landscapes of 50, 120 and 300 systems, with the embedded Graphviz (no
``dot`` on PATH needed).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import pytest

import silomap
from silomap._diagrams import measure
from silomap._diagrams.areas import AREA_MAX, areas
from silomap._diagrams.clusters import GROUP_MAX_ON, choose, clusters
from silomap._diagrams.grouping import group_systems
from silomap._diagrams.measure import page_area
from silomap._diagrams.overview import pen

from .conftest import ROOT, outputs_under_hash_seeds
from .landscapes import landscape

S = silomap


PAGES = ("a3", "a4", "16:9")


def drawings(picture: silomap.Diagram) -> list[silomap.Diagram]:
    return [picture, *picture.groups]


def check(picture: silomap.Diagram, page: str | None) -> None:
    for drawn in drawings(picture):
        found = measure(drawn.svg(), page)
        where = f"{drawn.name}: {found}"
        assert 0.4 <= found.aspect <= 2.5, where
        assert found.overlaps == 0 and found.crossings == 0, where
        if page is not None:
            assert found.smallest is not None and found.smallest >= 6.0, where


@pytest.fixture(scope="module")
def fitted() -> Callable[[str | int, str | None], silomap.Diagram]:
    """Each landscape drawn once for the module (a 300-system one takes half a minute): a bundled
    model by name, a generated one by its size."""

    @functools.cache
    def draw(which: str | int, page: str | None) -> silomap.Diagram:
        model = landscape(which) if isinstance(which, int) else silomap.load(ROOT / "models" / which)
        return silomap.diagram(model, "landscape", page=page, renderer="embedded")

    return draw


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
@pytest.mark.parametrize("page", [None, *PAGES])
def test_the_bundled_landscapes_fit(fitted, name, page):
    check(fitted(name, page), page)


@pytest.mark.parametrize(
    ("size", "page"), [(size, page) for size in (50, 120, 300) for page in PAGES] + [(50, None), (300, None)]
)
def test_generated_landscapes_fit(fitted, size, page):
    picture = fitted(size, page)
    assert picture.name == "overview" and picture.groups  # past 40 systems: split
    shown = [re.findall(r'^\s*"system:(s\d+)" \[', g.dot, re.M) for g in picture.groups]
    assert sorted(i for ids in shown for i in ids) == [f"s{i:03d}" for i in range(size)]  # every system once
    check(picture, page)


def test_an_overview_too_big_for_a_slide_gets_areas(fitted):
    """300 systems on a slide: 30 clusters of at most 12 systems are too many boxes for one
    overview at 6 pt, so the overview draws areas of groups; each area's drawing is read after the
    overview and each group's after its area's (or the overview, for an area of one group)."""
    picture = fitted(300, "16:9")
    by_name = {d.name: d for d in drawings(picture)}
    areas = [d for d in picture.groups if d.name.startswith("area-")]
    assert len(areas) >= 2 and all(d.parent == "overview" for d in areas)
    assert "areas" in picture.dot.split("\n", 2)[1] and '"group:area:1"' in picture.dot
    for drawn in picture.groups:
        if drawn.name.startswith("group-"):
            key = re.match(r'digraph "group: ([^"]+)"', drawn.dot).group(1)
            parent = by_name[drawn.parent]
            # its area's drawing has a box for its group (the overview: a box for its area)
            assert f'"group:{key}"' in parent.dot or parent.name == "overview", drawn.name
    # each area's stubs: "to area N" boxes, dashed, never a group of this area
    assert all('label="to area ' in d.dot for d in areas)
    # -o DIR: every drawing, in reading order, named from slugs
    names = list(picture.files())
    assert names[:2] == ["overview.svg", "area-1.svg"] and names[2].startswith("group-")
    assert len(names) == len(drawings(picture)) and all(re.fullmatch(r"[a-z0-9-]+\.svg", n) for n in names)


def test_the_docs_state_the_areas_as_drawn(fitted):
    """docs/diagrams.md's figures for the second level: the most groups an area holds, and the 300
    systems on a slide in clusters of at most 12 systems (as many as the overview's title says)."""
    text = " ".join((ROOT / "docs" / "diagrams.md").read_text(encoding="utf-8").split())
    title = fitted(300, "16:9").dot.split('label="', 1)[1].split("\\n", 1)[0]
    groups = re.search(r"300 systems in (\d+) groups by cluster, in \d+ areas", title)
    assert groups is not None, title
    assert f"none holds more than {AREA_MAX} groups" in text
    assert (
        f"The same 300 systems on a slide: {groups.group(1)} clusters of at most {GROUP_MAX_ON['16:9']} systems"
        in text
    )


def test_areas_by_hand():
    """Four owner teams: a-b three integrations, c-d three, b-c one. Louvain finds {a, b} and
    {c, d} (7 integrations, 6 of them inside: modularity 6/7 - ((7/14)^2 + (7/14)^2) = 0.36, more
    than with all four together, 0); at most two groups an area. Each area is titled after its
    group with the most integrations inside the area: a and b have 3 each (b's link to c is not
    inside), the first is a; c and d too: c."""
    link = lambda a, b: S.Integration(source=a, target=b, carries=["x"])  # noqa: E731
    systems = [S.System(id=i, owner=i) for i in "abcd"]
    flows = [link("a", "b"), link("b", "a"), link("a", "b"), link("c", "d"), link("d", "c"), link("c", "d")]
    model = S.Model(silomap=1, name="m", systems=systems, integrations=[*flows, link("b", "c")])
    found = areas(model, group_systems(model, "owner"), most=2)
    assert found.titles == {"area:1": "area 1: around a", "area:2": "area 2: around c"}
    assert found.where == {"a": "area:1", "b": "area:1", "c": "area:2", "d": "area:2"}
    capped = areas(model, group_systems(model, "owner"), most=1)  # one group an area: four areas
    assert list(capped.titles.values()) == [f"area {n}: around {k}" for n, k in enumerate("abcd", 1)]


def test_stub_lines_point_where_the_data_flows():
    """Telecom's IT BSS group: CRM sends customer data to Mobile Billing and gets invoices back
    (both ways: no arrowhead); the website (Digital) sends orders to Order Management (in: one
    arrowhead, at Order Management); Order Management sends port-ins to Number Porting
    (Provisioning; out: one arrowhead, at the stub)."""
    picture = silomap.diagram(
        silomap.load(ROOT / "models/telecom"), "group", group="it-bss", renderer="embedded"
    )
    edges = re.findall(r'^\s*"([^"]+)" -> "([^"]+)" \[(.*)\]$', picture.dot, re.M)
    label = dict(re.findall(r'^\s*"(label:\d+)" \[label="([^"]*)"', picture.dot, re.M))

    def ends(data: str) -> list[tuple[str, str]]:
        n = next(k for k, v in label.items() if v == data)
        return [
            (t if h == n else h, re.search(r'dir="(\w+)"', a).group(1)) for t, h, a in edges if n in (t, h)
        ]

    both = ends("customer, contact-details, invoice and 1 more")
    assert both == [("system:crm", "none"), ("stub:billing-ops", "forward")]
    assert all('arrowhead="none", arrowtail="none"' in a for t, h, a in edges if "label:5" in (t, h))
    assert ends("order, device") == [("system:order-hub", "back"), ("stub:digital", "none")]
    assert ends("port-in") == [("system:order-hub", "none"), ("stub:provisioning", "forward")]


def test_the_group_view_is_fitted_like_the_landscapes_groups(fitted):
    """--view group: the layouts the landscape tries for its groups, measured, not a fixed one."""
    model = silomap.load(ROOT / "models/retail-bank")
    alone = silomap.diagram(model, "group", group="it-core", page="16:9", renderer="embedded")
    within = next(g for g in fitted("retail-bank", "16:9").groups if g.name == "group-it-core-banking")
    assert alone.dot == within.dot
    check(alone, "16:9")


def test_page_areas_by_hand():
    # a3 landscape 420 x 297 mm less 10 mm each side: 400 x 277 mm, at 72 / 25.4 points a mm
    assert page_area("a3") == pytest.approx((400 * 72 / 25.4, 277 * 72 / 25.4))  # 1133.9 x 785.2 pt
    assert page_area("16:9") == pytest.approx((318.7 * 72 / 25.4, 170.5 * 72 / 25.4))  # 903.4 x 483.3
    assert page_area("a4") == pytest.approx((277 * 72 / 25.4, 190 * 72 / 25.4))


def test_measure_reads_overlaps_crossings_and_text_at_page_scale():
    # 2000 x 500 pt on a3: scale min(1, 1133.9 / 2000, 785.2 / 500) = 0.567; 9 pt becomes 5.1 pt.
    # "Sales" (12 pt, 30.0 pt wide at x 50) and "order" (9 pt at x 55) are 2 pt apart vertically: one
    # overlap; the line at y 18 runs through the title's box (y 11 to 22.4): one crossing.
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="2000pt" height="500pt">'
           '<g class="cluster"><text x="50" y="20" font-size="12">Sales</text></g>'
           '<g class="edge"><path d="M0,18C20,18 40,18 60,18"/>'
           '<text x="55" y="22" font-size="9">order</text></g>'
           '<g class="edge"><path d="M0,400C20,400 40,400 60,400"/>'
           '<text x="400" y="300" font-size="9">far away</text></g></svg>')  # fmt: skip
    found = measure(svg, "a3")
    assert found.aspect == 4.0 and found.scale == pytest.approx(1133.86 / 2000, abs=1e-4)
    assert found.smallest == pytest.approx(9 * 1133.86 / 2000, abs=1e-3)
    assert (found.overlaps, found.crossings) == (1, 1)
    assert measure(svg).smallest is None  # no page: no page scale


def test_the_telecom_labels_under_mobile_billing_stand_apart():
    """Issue 28: four labels under Mobile Billing ran together on one line, struck through by lines.
    Now the two lines between CRM and Mobile Billing share one label, and no label comes within two
    of its sizes of another on a line (measure's rule), nor is crossed by a line."""
    picture = silomap.diagram(silomap.load(ROOT / "models/telecom"), "landscape", renderer="embedded")
    assert re.search(
        r'"label:\d+" \[label="customer, contact-details\\ninvoice, payment \(batch\)"', picture.dot
    )
    found = measure(picture.svg())
    assert (found.overlaps, found.crossings) == (0, 0)


def test_the_retail_bank_title_is_crossed_by_no_line():
    """Issue 28: a batch line crossed the "Mortgage Advisors" title. Titles are nodes now, which
    Graphviz routes every line around."""
    picture = silomap.diagram(silomap.load(ROOT / "models/retail-bank"), "landscape", renderer="embedded")
    assert '"title:mortgage-advisors" [label="Mortgage Advisors (ex-Harbor)"' in picture.dot
    assert measure(picture.svg()).crossings == 0


def test_auto_grouping_follows_the_rule():
    teams = [S.Team(id="t1"), S.Team(id="t2")]
    owned = [S.System(id=f"s{i}", owner=f"t{1 + i % 2}") for i in range(50)]
    plain = [S.System(id=f"s{i}") for i in range(50)]
    model = S.Model(silomap=1, name="m", teams=teams, systems=owned)
    assert choose(model, "auto", split=False).by == "owner"
    assert choose(model, "auto", split=True).by == "owner"  # 2 teams of 25: at most 40 each
    assert choose(model, "auto", split=True, most=20).by == "cluster"  # 25 > 20 a team, for a3
    bare = S.Model(silomap=1, name="m", systems=plain)
    assert choose(bare, "auto", split=False).by == "none"
    assert choose(bare, "auto", split=True).by == "cluster"


@pytest.mark.parametrize(
    ("asked", "why"),
    [
        ("owner", "not grouped by owner: no system names an owner"),
        ("kind", "not grouped by kind: every system is of kind other"),
        ("domain", "not grouped by domain: no system has a domain- tag"),
    ],
)
def test_a_grouping_of_defaults_is_refused_and_said(asked, why):
    bare = S.Model(silomap=1, name="m", systems=[S.System(id="a"), S.System(id="b")])
    assert choose(bare, asked, split=True) == choose(bare, asked, split=True).__class__("cluster", why)
    picture = silomap.diagram(bare, "landscape", group_by=asked, renderer="embedded")
    assert why in picture.dot  # in the drawing's title: never drawn as if it meant something


def test_domain_tags_and_clusters_group():
    model = landscape(50)
    domains = group_systems(model, "domain")
    assert list(domains.titles.values()) == ["d0", "d1", "d2", "d3"]  # 50 // 25 + 2 domains
    assert [len(m) for m in domains.members.values()] == [13, 12, 13, 12]  # i * 4 // 50
    found = clusters(model, most=12)
    assert all(len(c) <= 12 for c in found) and sorted(i for c in found for i in c) == [
        s.id for s in model.systems
    ]
    assert clusters(model, most=12) == found  # seeded: the same clusters every time


def test_the_pen_grows_with_the_kinds_of_data():
    # 1 point and a point for each three kinds, at most 6
    assert [pen(k) for k in (0, 3, 9, 15, 99)] == [1.0, 2.0, 4.0, 6.0, 6.0]


def test_a_folder_gets_the_overview_and_one_drawing_per_group(tmp_path, capsys):
    from silomap._cli import main

    out = tmp_path / "drawings"
    assert main(["render", str(ROOT / "models/telecom"), "--page", "16:9", "-o", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert "overview.svg" in written and "group-it-bss.svg" in written
    assert len(written) == 1 + 6  # the overview and the six owner teams of telecom
    assert "wrote 7 drawings" in capsys.readouterr().out


def test_clusters_are_the_same_in_every_process():
    """Names hash differently in each process (PYTHONHASHSEED); the clusters and areas must not follow."""
    code = (
        "from tests.landscapes import landscape; from silomap._diagrams.clusters import clusters; "
        "from silomap._diagrams.areas import areas; from silomap._diagrams.grouping import group_systems; "
        "m = landscape(120); print(clusters(m, 12), areas(m, group_systems(m, 'cluster', 12)).where)"
    )
    runs = set(outputs_under_hash_seeds(code))
    assert len(runs) == 1
