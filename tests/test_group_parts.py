"""``--view group`` (issue 28): a group too big for the page at 6 pt is drawn whole, then cut in
parts that fit, as the landscape's own drawings cut it; ``-o DIR`` writes them all."""

from __future__ import annotations

import re

import pytest
import yaml

import silomap
from silomap._cli import main
from silomap._diagrams import MIN_TEXT, measure

from .conftest import MODELS

TEAMS, EACH = 6, 20


def _big() -> dict[str, object]:
    """120 systems of 6 teams, 300 integrations: each team's 20 systems and 50 or so integrations
    inside are too many for one A3 drawing at 6 pt (as in the browser test's big model)."""
    n = TEAMS * EACH
    links = [
        {"source": f"s{i}", "target": f"s{(i * 7 + k) % n}", "carries": ["e"]}
        for i in range(n)
        for k in (1, 3, 11)
        if (i * 7 + k) % n != i
    ][:300]
    return {
        "silomap": 1,
        "name": "big",
        "entities": [{"id": "e"}],
        "teams": [{"id": f"t{t}", "name": f"Team {t}"} for t in range(TEAMS)],
        "systems": [
            {"id": f"s{i}", "name": f"System number {i}", "owner": f"t{i % TEAMS}", "holds": ["e"]}
            for i in range(n)
        ],
        "integrations": links,
    }


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(yaml.safe_dump(_big(), sort_keys=False), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def team_0(model_file: str) -> silomap.Diagram:
    return silomap.diagram(silomap.load(model_file), "group", group="t0", page="a3", renderer="embedded")


def _systems(dot: str) -> set[str]:
    """The systems a drawing draws as boxes of its own (not the stubs to other groups)."""
    return set(re.findall(r'^\s*"system:([^"]+)" \[', dot, re.M))


def test_a_group_too_big_for_the_page_is_drawn_whole_then_in_parts(team_0):
    whole = measure(team_0.svg(), "a3")
    assert whole.smallest is not None and whole.smallest < MIN_TEXT  # it does not fit, whole
    assert team_0.name == "group-team-0"
    parts = team_0.groups
    assert len(parts) >= 2 and all(p.parent == "group-team-0" for p in parts)
    assert all(re.fullmatch(r"group-team-0(-[12])+", p.name) for p in parts), [p.name for p in parts]
    # the parts share out team 0's 20 systems (s0, s6, ..., s114), each drawn once
    drawn = [_systems(p.dot) for p in parts]
    assert sorted(s for part in drawn for s in part) == sorted(f"s{i}" for i in range(0, TEAMS * EACH, TEAMS))
    titles = [re.search(r'label="big: Team 0, (\d+) systems? of 20"', p.dot) for p in parts]
    assert all(titles) and sum(int(t.group(1)) for t in titles if t) == EACH
    for part in parts:  # each readable on the page, and apart
        m = measure(part.svg(), "a3")
        assert m.smallest is not None and m.smallest >= MIN_TEXT - 1e-9, (part.name, m)
        assert 0.4 <= m.aspect <= 2.5 and m.overlaps == 0, (part.name, m)


def test_the_parts_are_the_landscapes_own(model_file, team_0):
    """The same cut as the landscape fitted to A3 makes of team 0."""
    landscape = silomap.diagram(silomap.load(model_file), "landscape", page="a3", renderer="embedded")
    own = [d for d in landscape.groups if d.name.startswith("group-team-0-")]
    assert [d.name for d in own] == [p.name for p in team_0.groups]
    assert [_systems(d.dot) for d in own] == [_systems(p.dot) for p in team_0.groups]


def test_the_command_writes_the_parts_to_a_directory(model_file, tmp_path, capsys):
    out = tmp_path / "team-0"
    args = [
        "render",
        model_file,
        "--view",
        "group",
        "--group",
        "t0",
        "--page",
        "a3",
        "--renderer",
        "embedded",
    ]
    assert main([*args, "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names[0] == "group-team-0-1-1.svg" and "group-team-0.svg" in names and len(names) >= 3
    assert capsys.readouterr().out.startswith(f"wrote {len(names)} drawings in {out}: group-team-0.svg, ")
    one = tmp_path / "team-0.svg"
    assert main([*args, "-o", str(one)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"wrote {one}\ntoo big for the page at 6 pt: the group drawn whole, then in ")
    assert "-o DIR writes them all" in said


def test_a_group_that_fits_is_one_drawing(tmp_path, capsys):
    """Retail-bank's IT Core Banking (4 systems) fits an A3 page at 6 pt: one drawing, as without a
    page; -o DIR writes that one ("1 drawing"). A question is one file: a directory is refused."""
    bank = str(MODELS / "retail-bank")
    core = silomap.diagram(silomap.load(bank), "group", group="it-core", page="a3", renderer="embedded")
    assert core.groups == () and measure(core.svg(), "a3").smallest >= MIN_TEXT
    out = tmp_path / "core"
    args = ["render", bank, "--view", "group", "--group", "it-core", "--page", "a3", "--renderer", "embedded"]
    assert main([*args, "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote 1 drawing in {out}: group-it-core-banking.svg\n"
    assert main(["render", bank, "--question", "where-is-my-card", "-o", str(tmp_path / "q")]) == 2
    assert "is a directory; the question view is one file" in capsys.readouterr().err


def test_a_fit_has_its_timeout_in_all_not_for_each_graphviz_run(model_file, monkeypatch):
    """The report gives the landscape what is left of its 120 s; that is for every layout of every
    drawing together. Here each Graphviz run takes 10 s on a fake clock: with 25 s in all, the runs
    get 25, 15 and 5 s, and the third, past the end, is an error (SM040) saying so."""
    from silomap._diagrams import fit, render

    clock = [1000.0]
    budgets: list[float] = []
    real = render.render_within

    def slow(sources, renderer="auto", budget=60.0, each=60.0):
        budgets.append(budget)
        clock[0] += 10
        return real(sources, renderer, 60.0, 60.0) if clock[0] < 1025 else [None] * len(sources)

    monkeypatch.setattr(fit.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(render, "render_within", slow)
    model = silomap.load(model_file)
    with pytest.raises(silomap.ToolError, match=r"took longer than 25 s in all") as err:
        fit.fit_landscape(model, silomap.analyze(model), page="a3", renderer="embedded", timeout=25)
    assert err.value.code == "SM040"
    assert budgets == [25.0, 15.0, 5.0]
