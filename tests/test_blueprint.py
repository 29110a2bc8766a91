"""The journey view as a service blueprint: lanes in blueprint order, steps in columns, badges."""

from __future__ import annotations

import re

import pytest

import silomap
from silomap._diagrams.blueprint import COLUMNS, blueprint_lanes, rows
from silomap._diagrams.typeface import text_width

from .conftest import ROOT

S = silomap
POS = re.compile(r'^\s*"([^"]+)" \[(.*)\]$')


def nodes(dot: str) -> dict[str, dict[str, str]]:
    """Each node's attributes, from the DOT the view wrote."""
    out = {}
    for line in dot.splitlines():
        found = POS.match(line)
        if found and " -> " not in line:
            pairs = re.findall(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s\]]+))', found.group(2))
            out[found.group(1)] = {key: quoted or bare for key, quoted, bare in pairs}
    return out


def xy(attrs: dict[str, str]) -> tuple[float, float]:
    x, y = attrs["pos"].rstrip("!").split(",")
    return float(x), -float(y)  # y counted downwards, as a reader reads


def mixed_model(steps: int = 4) -> silomap.Model:
    """A back-stage step first, then front stage, the customer, and a team acting on both sides."""
    plan = [("ops", "internal"), ("agents", "phone"), ("customer", "web"), ("agents", "internal")]
    plan = (plan * (steps // len(plan) + 1))[:steps]
    return S.Model(
        silomap=1, name="m",
        teams=[S.Team(id="ops", name="Operations"), S.Team(id="agents", name="Agents")],
        entities=[S.Entity(id="address", name="Postal address")],
        systems=[S.System(id="crm", name="CRM", holds=("address",)), S.System(id="sheet", name="Sheet")],
        journeys=[S.Journey(id="j", name="J", stage="sales", steps=[
            S.Step(id=f"s{i}", name=f"Step {i}", actor=actor, channel=channel,
                   systems=("sheet",) if i % 2 else ("crm",), captures=("address",))
            for i, (actor, channel) in enumerate(plan)
        ])],
    )  # fmt: skip


def test_lanes_run_in_blueprint_order():
    journey = mixed_model().journeys[0]
    lanes = [(lane.key, lane.section) for lane in blueprint_lanes(journey)]
    assert lanes == [("customer", "customer"), ("front:agents", "front"), ("back:ops", "back"),
                     ("back:agents", "back"), ("systems", "systems")]  # fmt: skip


def test_lanes_are_drawn_top_to_bottom_in_that_order_with_the_blueprint_lines():
    dot = silomap.diagram(mixed_model(), "journey", journey="j").dot
    found = nodes(dot)
    tops = [
        xy(found[f"lane:0:{key}"])[1]
        for key in ("customer", "front:agents", "back:ops", "back:agents", "systems")
    ]
    assert tops == sorted(tops)
    names = {a["label"] for k, a in found.items() if k.startswith("linename:")}
    assert names == {"line of interaction", "line of visibility", "line of internal\\ninteraction"}


def test_steps_are_columns_in_journey_order_in_their_lane():
    found = nodes(silomap.diagram(mixed_model(), "journey", journey="j").dot)
    xs = [xy(found[f"step:j/s{i}"])[0] for i in range(4)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    lane_of = {"s0": "back:ops", "s1": "front:agents", "s2": "customer", "s3": "back:agents"}
    for step, lane in lane_of.items():
        top = xy(found[f"lane:0:{lane}"])[1] - float(found[f"lane:0:{lane}"]["height"]) / 2
        bottom = top + float(found[f"lane:0:{lane}"]["height"])
        assert top < xy(found[f"step:j/{step}"])[1] < bottom, step


def test_reentries_are_badges_on_the_step_that_asks_again(bank):
    dot = silomap.diagram(bank, "journey", journey="move-house").dot
    found = nodes(dot)
    badges = {k: a["label"] for k, a in found.items() if k.startswith("badge:")}
    # steps 3 and 4 type the postal address again; no system of theirs could have it (silo, metrics.md)
    assert badges == {
        "badge:move-house/agent-verifies-address": "typed again:\\nPostal address\\nsilo, from step 1",
        "badge:move-house/reissue-card": "typed again:\\nPostal address\\nsilo, from step 1",
    }
    for badge in badges:
        step = badge.replace("badge:", "step:")
        (bx, by), (sx, sy) = xy(found[badge]), xy(found[step])
        assert bx == sx and 0 < by - sy < 1.5  # right under its step: a short connector, not an arc
    # every arrow between steps joins neighbours: nothing crosses the drawing
    journey = next(j for j in bank.journeys if j.id == "move-house")
    index = {s.id: i for i, s in enumerate(journey.steps)}
    for tail, head in re.findall(r'"step:move-house/([^"]+)" -> "step:move-house/([^"]+)"', dot):
        assert index[head] == index[tail] + 1


def test_handoffs_are_red_arrows(bank):
    dot = silomap.diagram(bank, "journey", journey="move-house").dot
    red = re.findall(r'"step:[^"]+" -> "step:[^"]+" \[tailport="e", headport="w", color="#b42318"', dot)
    assert len(red) == silomap.analyze(bank).journey("move-house").handoffs == 3


def test_long_journeys_wrap_into_rows_that_fit_a_report_page():
    model = mixed_model(17)
    picture = silomap.diagram(model, "journey", journey="j")
    found = nodes(picture.dot)
    assert [len(r) for r in rows(17)] == [5, 5, 5, 2] and COLUMNS == 5
    assert {"continue:0", "continue:1", "continue:2"} <= set(found) and "continue:3" not in found
    assert found["continue:0"]["label"].endswith("step 6")
    width = float(re.search(r'<svg width="([\d.]+)pt"', picture.svg()).group(1))
    assert width <= 800  # points: 1,067 px, the report's page at 100 %


def test_the_legend_lists_only_what_the_drawing_uses(bank):
    plain = mixed_model()
    plain = plain.model_copy(
        update={"journeys": [plain.journeys[0].model_copy(update={"steps": plain.journeys[0].steps[:1]})]}
    )
    assert [k.text for k in silomap.diagram(plain, "journey", journey="j").legend] == [
        "the step uses the systems under it", "line of interaction, visibility or internal interaction"]  # fmt: skip
    texts = [k.text for k in silomap.diagram(bank, "journey", journey="move-house").legend]
    assert texts[:3] == ["next step", "hand-off to another team or the customer",
                         "typed again, silo: no system of this step could have it; from step N: where it was given"]  # fmt: skip
    assert not any(t.startswith("typed again, process") for t in texts)  # move-house has none


@pytest.fixture(scope="module")
def bank():
    return silomap.load(ROOT / "models/retail-bank")


# --- long journeys: each row shows its own lanes; labels break between words -------------------

PLAN = [  # (actor, channel) of 17 steps: sales first, then operations and billing, then support
    ("customer", "web"), ("sales", "phone"), ("customer", "web"), ("sales", "phone"), ("sales", "internal"),
    ("ops", "internal"), ("ops", "internal"), ("billing", "internal"), ("ops", "internal"),
    ("billing", "internal"), ("support", "phone"), ("customer", "phone"), ("support", "chat"),
    ("customer", "web"), ("support", "chat"), ("billing", "internal"), ("ops", "internal"),
]  # fmt: skip
NAMES = [
    "Customer-self-service-registration-confirmation", "Agent checks Kundendatenverwaltungssystem entry",
    "Upload identity documents", "Call back", "Open account-in-core-banking", "Verify documents",
    "Screen sanctions-and-PEP-lists", "Set up direct-debit", "Issue card", "Send welcome pack",
    "Answer first question", "Customer asks where the replacement card is", "Chat answer", "Log in",
    "Close", "Bill first month", "Archive",
]  # fmt: skip


def long_model(steps: int, names: list[str] | None = None) -> silomap.Model:
    """A journey of ``steps`` steps (PLAN): CRM for the customer, sales and support, the core
    system for operations, no system for billing."""
    names = names or [f"Step {i + 1}" for i in range(steps)]
    systems = {"customer": ("crm",), "sales": ("crm",), "support": ("crm",), "ops": ("core",), "billing": ()}
    teams = ("sales", "ops", "billing", "support")
    return S.Model(
        silomap=1, name="m",
        teams=[S.Team(id=t, name=t.title()) for t in teams],
        systems=[S.System(id="crm", name="CRM"), S.System(id="core", name="Core banking")],
        journeys=[S.Journey(id="j", name="Open an account", stage="sales", steps=[
            S.Step(id=f"s{i + 1}", name=names[i], actor=actor, channel=channel, systems=systems[actor])
            for i, (actor, channel) in enumerate(PLAN[:steps])
        ])],
    )  # fmt: skip


# worked by hand from PLAN: 12 steps are rows of 4 (1-4, 5-8, 9-12), 17 steps rows of 5, 5, 5 and 2;
# a row's lanes are those of its steps, in blueprint order, and the systems lane when one uses a system
ROW_LANES = {
    12: [
        ["customer", "front:sales", "systems"],
        ["back:sales", "back:ops", "back:billing", "systems"],
        ["customer", "front:support", "back:ops", "back:billing", "systems"],
    ],
    17: [
        ["customer", "front:sales", "back:sales", "systems"],
        ["back:ops", "back:billing", "systems"],
        ["customer", "front:support", "systems"],
        ["back:ops", "back:billing", "systems"],
    ],
}
TITLES = {"customer": "Customer", "systems": "Systems", "front:sales": "Sales", "back:sales": "Sales",
          "back:ops": "Ops", "back:billing": "Billing", "front:support": "Support"}  # fmt: skip


@pytest.mark.parametrize("steps", [12, 17])
def test_a_wrapped_row_shows_only_the_lanes_its_steps_use_each_named(steps):
    found = nodes(silomap.diagram(long_model(steps), "journey", journey="j").dot)
    for row, expected in enumerate(ROW_LANES[steps]):
        lanes = sorted((k for k in found if k.startswith(f"lane:{row}:")), key=lambda k: xy(found[k])[1])
        assert [k.split(":", 2)[2] for k in lanes] == expected, row
        heads = {k.split(":", 2)[2]: a["label"] for k, a in found.items() if k.startswith(f"head:{row}:")}
        assert heads == {key: TITLES[key] for key in expected}, row
    assert not any(k.startswith(f"lane:{len(ROW_LANES[steps])}:") for k in found)


def test_the_lines_of_a_row_follow_its_own_lanes():
    """Row 2 of 17 steps is back stage only (operations, billing, systems): no line of
    interaction or visibility there, only the line of internal interaction above the systems."""
    found = nodes(silomap.diagram(long_model(17), "journey", journey="j").dot)
    names = {a["label"] for k, a in found.items() if k.startswith("linename:1:")}
    assert names == {"line of internal\\ninteraction"}


@pytest.mark.parametrize("steps", [12, 17])
def test_no_line_of_a_step_label_ends_inside_a_word(steps):
    """Each step's label, its lines joined again (with a space, or nothing after a hyphen), is its
    number and name: so every line ended at a space or after a hyphen. The 28-letter word stands
    whole on its line, in a column drawn wide enough for it."""
    found = nodes(silomap.diagram(long_model(steps, NAMES), "journey", journey="j").dot)
    for i in range(steps):
        lines = found[f"step:j/s{i + 1}"]["label"].split("\\n")[:-1]  # the last line is the channel
        joined = lines[0]
        for line in lines[1:]:
            joined += line if joined.endswith("-") else f" {line}"
        assert joined == f"{i + 1}. {NAMES[i]}"
    assert found["step:j/s2"]["label"].split("\\n")[1] == "Kundendatenverwaltungssystem"
    width = float(found["step:j/s2"]["width"]) * 72 - 14  # the box less its text margins
    assert text_width("Kundendatenverwaltungssystem", 10) <= width
