"""The second level of a big landscape follows the model's domains (issue 28: "grouping by owner,
kind, domain tag, or clusters"): when every group's systems share one ``domain-`` tag, the areas
are the domains, named so, a domain of more than 6 groups cut in two; otherwise Louvain's
communities of the integrations, as before. Worked by hand on small models."""

from __future__ import annotations

import itertools
import re

import silomap
from silomap._diagrams import MIN_TEXT, measure
from silomap._diagrams.areas import areas
from silomap._diagrams.grouping import Groups
from silomap._diagrams.overview import grouping

S = silomap


def _model(
    domains: dict[str, int], *, straddle: bool = False, across: bool = False, each: int = 2
) -> silomap.Model:
    """``domains``: how many teams each has, each team ``each`` systems tagged with its domain and
    integrated in a ring; the teams of a domain in a chain, one link apiece, and in payments two
    halves, pay0-pay3 and pay4-pay7, three links between neighbours inside a half and one across. With
    ``straddle``, the last system of the first team is tagged with the second domain; with
    ``across``, each team's second system sends to that of the team of the same rank in the next
    domain."""
    teams, systems, links = [], [], []
    for domain, count in domains.items():
        for t in range(count):
            team = f"{domain[:3]}{t}"
            teams.append(S.Team(id=team, name=f"Team {team}"))
            ids = [f"{team}-s{i}" for i in range(each)]
            for i, sid in enumerate(ids):
                systems.append(
                    S.System(id=sid, name=sid, owner=team, tags=(f"domain-{domain}",), holds=("e",))
                )
                links.append(S.Integration(source=sid, target=ids[(i + 1) % each], carries=["e"]))
            if t:
                previous = f"{domain[:3]}{t - 1}-s0"
                strong = 1 if domain != "payments" or t == count // 2 else 3
                links += [S.Integration(source=previous, target=ids[0], carries=["e"])] * strong
    if across:
        names = [d[:3] for d in domains]
        links += [
            S.Integration(source=f"{a}{t}-s1", target=f"{b}{t}-s1", carries=["e"])
            for a, b in itertools.pairwise(names)
            for t in range(min(domains.values()))
        ]
    if straddle:
        first = systems[each - 1]
        systems[each - 1] = first.model_copy(update={"tags": (f"domain-{list(domains)[1]}",)})
    return S.Model(silomap=1, name="Domains", entities=[S.Entity(id="e")], teams=teams, systems=systems,
                   integrations=links)  # fmt: skip


def _areas(model: silomap.Model) -> dict[str, list[str]]:
    groups = grouping(model, "owner", False)[1]
    found = areas(model, groups)
    return {
        found.titles[key]: list(dict.fromkeys(s.owner for s in members))
        for key, members in found.members.items()
    }


def test_the_areas_are_the_domains_a_big_one_cut_in_two():
    model = _model({"payments": 8, "lending": 3, "channels": 4})
    assert _areas(model) == {
        # payments' 8 teams are more than 6: cut where one link joins pay3 to pay4 (3 elsewhere)
        "area 1: payments (1 of 2)": ["pay0", "pay1", "pay2", "pay3"],
        "area 2: payments (2 of 2)": ["pay4", "pay5", "pay6", "pay7"],
        "area 3: lending": ["len0", "len1", "len2"],
        "area 4: channels": ["cha0", "cha1", "cha2", "cha3"],
    }


def test_a_group_across_two_domains_leaves_the_areas_to_the_integrations():
    """Team len0 owns a system of lending and one of channels: no group is said to be in a domain
    it only partly is; the areas are Louvain's communities, named after their busiest group."""
    titles = list(_areas(_model({"lending": 3, "channels": 4}, straddle=True)))
    assert titles and all(re.fullmatch(r"area \d+: around Team (len|cha)\d", t) for t in titles), titles
    # one domain alone says nothing about areas: the integrations decide there too
    assert all(": around " in t for t in _areas(_model({"lending": 3})))


def test_a_slide_overview_draws_the_domains():
    """36 teams of 2 systems in 6 domains, each team linked to its neighbour in the next domain: too
    many boxes and lines for one 16:9 overview at 6 pt, so it draws the 6 domains, each area's
    drawing its 6 teams, every drawing readable."""
    names = ("payments", "lending", "cards", "channels", "savings", "service")
    model = _model(dict.fromkeys(names, 6), across=True)
    picture = S.diagram(model, "landscape", page="16:9", renderer="embedded", group_by="owner")
    assert "72 systems in 36 groups by owner, in 6 areas" in picture.dot
    # inside a domain: 6 teams x 2 (each team's ring of 2) + the chain between teams: payments
    # 4 x 3 + 1 = 13 (one link at its middle, three elsewhere), the others 5 x 1: 25 and 17
    titles = re.findall(
        r'label="area \d+: ([a-z]+)\\n6 groups\\n12 systems, (\d+) integrations inside"', picture.dot
    )
    assert titles == [(name, "25" if name == "payments" else "17") for name in names]
    assert "an area: the groups of one domain (a domain- tag)" in picture.svg()  # its legend
    assert "integrated more with each other" not in picture.svg()
    # each area's drawing is read after the overview, each team's after its domain's
    assert [(d.name, d.parent) for d in picture.groups[:2]] == [
        ("area-1", "overview"),
        ("group-team-pay0", "area-1"),
    ]
    for drawing in (picture, *picture.groups):
        m = measure(drawing.svg(), "16:9")
        assert m.smallest is not None and m.smallest >= MIN_TEXT - 1e-9 and m.overlaps == 0, drawing.name


def test_an_area_of_clusters_is_named_after_its_cluster_not_the_clusters_own_title():
    """Clusters are titled "cluster 2: around System 020"; the area around one says "around cluster
    2", never "around cluster 2: around System 020"."""
    systems = [S.System(id=i, name=f"System {i}") for i in "abcd"]
    link = [S.Integration(source=a, target=b, carries=["e"]) for a, b in ("ab", "ab", "ba", "cd", "bc")]
    model = S.Model(silomap=1, name="c", entities=[S.Entity(id="e")], systems=systems, integrations=link)
    titles = {"c1": "cluster 1: around System a", "c2": "cluster 2: around System b",
              "c3": "cluster 3: around System c", "c4": "cluster 4: no integration"}  # fmt: skip
    groups = Groups(
        {f"c{n}": [s] for n, s in enumerate(systems, 1)},
        titles,
        {s.id: f"c{n}" for n, s in enumerate(systems, 1)},
    )
    # a-b: 3 integrations, c-d 1, b-c 1: areas {a, b} and {c, d}, each around its first group (a
    # tie: a and b have 3 inside, c and d 1)
    found = areas(model, groups, most=2)
    assert list(found.titles.values()) == ["area 1: around cluster 1", "area 2: around cluster 3"]


def test_domains_that_gather_no_better_than_the_integrations_leave_the_areas_to_them():
    """20 domains of 2 teams: 20 areas would be no second level at all (with ``--group-by domain``
    every group is a domain of its own); Louvain's communities gather the 40 teams in fewer, so
    they are the areas. Every drawing reads on the slide, the keyed legend's area names on one line
    (an area's name over its count of groups once broke the legend: an internal error)."""
    model = _model({f"d{i:02d}": 2 for i in range(20)}, across=True)
    titles = list(_areas(model))
    assert 2 <= len(titles) < 20 and all(": around Team " in t for t in titles), titles
    for group_by in ("owner", "domain"):
        picture = S.diagram(model, "landscape", page="16:9", renderer="embedded", group_by=group_by)
        for drawing in (picture, *picture.groups):
            m = measure(drawing.svg(), "16:9")
            assert m.smallest is not None and m.smallest >= MIN_TEXT - 1e-9 and m.overlaps == 0, drawing.name


def test_a_keyed_legend_names_each_box_on_one_line():
    """An area's box reads "area 1: payments" over "6 groups"; when the labels are keyed, the
    legend names it on one line, as the legend draws one line per key."""
    from silomap._diagrams.legend import legend_svg
    from silomap._diagrams.links import Line, key_rows, pair_links

    links = pair_links([Line("area:1", "area:2", "realtime", ("e",), False)], prefix="group")
    names = {"group:area:1": "area 1: payments\n6 groups", "group:area:2": "area 2: cards\n6 groups"}
    (row,) = key_rows(links, names)
    assert row.text == "1: area 1: payments 6 groups - area 2: cards 6 groups: e"
    assert "area 1: payments 6 groups" in legend_svg([row], 400)[0]
