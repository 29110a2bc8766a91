"""What transfers go with (cost.md, "Observed"): a small log worked out by hand, the bootstrap's
quantiles and resampling checked by hand, its determinism, the interval around the estimate and
shrinking as cases grow, and journeys with too few cases not estimated."""

from __future__ import annotations

import datetime
import json
import math
import os
import subprocess
import sys
from fractions import Fraction

import pytest

import silomap
from silomap._cli import main
from silomap._cost.from_log import check_bootstrap, observed_cost
from silomap._cost.observed import associate, bootstrap, quantile
from silomap._observed.synthetic import mapping_text, write_csv
from silomap._text import json_text

from .conftest import DATA, MODELS, ROOT

OBS = DATA / "observed"
START = datetime.datetime(2026, 1, 1)
HEADER = "case,activity,time,resource,group,channel,system,customer"


def _case(case: str, start: datetime.datetime, minutes: int, transferred: bool) -> list[str]:
    """Queue (Level 1), Work (Level 2 if transferred, else Level 1), Close (Level 1), ``minutes`` apart
    from first to last."""
    work = "Level 2" if transferred else "Level 1"
    times = [
        start,
        start + datetime.timedelta(minutes=minutes // 2),
        start + datetime.timedelta(minutes=minutes),
    ]
    events = [("Queue", "Level 1"), ("Work", work), ("Close", "Level 1")]
    return [
        f"{case},{a},{t.isoformat()},ann,{g},phone,CRM,u-{case}"
        for (a, g), t in zip(events, times, strict=True)
    ]


def _log(tmp_path, transferred: int = 30) -> object:
    """A log of the tiny model's journey ``fix``: ``transferred`` cases through Level 2 (the first 15
    of 90 minutes, the others of 110), 30 cases by Level 1 alone of 40 minutes, and one case of an
    unmapped activity. The first case starts 2026-01-01 00:00, the last ends 2026-03-02 21:00."""
    rows = [HEADER]
    for i in range(transferred):
        rows += _case(f"a{i:02d}", START + datetime.timedelta(hours=i), 90 if i < 15 else 110, True)
    for i in range(29):
        rows += _case(f"b{i:02d}", START + datetime.timedelta(hours=i), 40, False)
    rows += _case("b29", datetime.datetime(2026, 3, 2, 20, 20), 40, False)  # ends 21:00
    rows.append("x,Lunch,2026-02-01T12:00:00,ann,Level 1,phone,CRM,u-x")
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n")
    mapping = (OBS / "tiny.yaml").read_text().replace("log: tiny.csv", "log: log.csv")
    (tmp_path / "log.yaml").write_text(mapping)
    return tmp_path / "log.yaml"


def test_a_small_log_by_hand(tmp_path):
    model = silomap.load(OBS / "tiny-model.yaml")
    found = observed_cost(model, _log(tmp_path), customer_minute=Fraction(1, 2))
    # 61 cases, 60 follow 'fix' (Queue, Close alone: LCS 2 of 3 steps, fitness 4/5); 'x' none
    assert (found.cases, found.matched, found.resamples, found.seed) == (61, 60, 2000, 0)
    # 2026-01-01 00:00 to 2026-03-02 21:00: 31 + 28 + 1 days and 21 hours = 60.875 days = 2 months
    assert found.months == 2.0
    (fix,) = found.journeys
    assert (fix.id, fix.cases, fix.transferred, fix.not_transferred, fix.estimated) == (
        "fix",
        60,
        30,
        30,
        True,
    )
    # A: (15 * 90 + 15 * 110) / 30 = 100 minutes; B: 40 minutes; E = 60; 30 transferred / 2 months
    assert (fix.mean_minutes_transferred, fix.mean_minutes_not_transferred) == (100.0, 40.0)
    assert (fix.effect_minutes, fix.transferred_per_month) == (60.0, 15.0)
    assert fix.minutes_per_month == 900.0  # M = 60 * 30 / 2
    assert fix.ci_low < 900 < fix.ci_high
    total = found.total
    assert (total["minutes_per_month"], total["ci_low"], total["ci_high"]) == (900.0, fix.ci_low, fix.ci_high)
    # valued at customer_minute (0.5), never agent_hour: 900 * 0.5 = 450
    assert total["money"] == 450.0
    assert (total["money_low"], total["money_high"]) == (fix.ci_low / 2, fix.ci_high / 2)
    assert found.not_estimated == ()
    assert found.log == str(tmp_path / "log.csv")


def test_fewer_than_30_cases_in_a_group_is_not_estimated(tmp_path):
    model = silomap.load(OBS / "tiny-model.yaml")
    found = observed_cost(model, _log(tmp_path, transferred=29), customer_minute=Fraction(1, 2))
    (fix,) = found.journeys
    assert (fix.transferred, fix.not_transferred, fix.estimated) == (29, 30, False)
    # the means are still said: (15 * 90 + 14 * 110) / 29 = 2,890 / 29
    assert fix.mean_minutes_transferred == float(Fraction(2890, 29))
    assert fix.mean_minutes_not_transferred == 40.0
    figures = (fix.effect_minutes, fix.transferred_per_month, fix.minutes_per_month, fix.ci_low, fix.ci_high)
    assert figures == (None,) * 5
    assert found.not_estimated == ("fix",)
    assert set(found.total.values()) == {None}  # nothing estimated: not 0


def test_without_teams_nothing_is_estimated():
    model = silomap.load(OBS / "tiny-model.yaml")
    found = observed_cost(model, OBS / "tiny-no-team.yaml", customer_minute=Fraction(0))
    (fix,) = found.journeys
    assert (fix.cases, fix.transferred, fix.not_transferred, fix.estimated) == (3, None, None, False)
    assert found.not_estimated == ("fix",)


def test_quantiles_are_linear_between_order_statistics():
    """Hyndman and Fan's definition 7: h = (n - 1) p, then between x[floor h] and the next."""
    ordered = [10.0, 20.0, 40.0, 80.0]
    # p = 0.025: h = 3 * 0.025 = 0.075, 10 + 0.075 * 10 = 10.75; p = 0.975: h = 2.925, 40 + 0.925 * 40 = 77
    assert quantile(ordered, Fraction(1, 40)) == pytest.approx(10.75)
    assert quantile(ordered, Fraction(39, 40)) == pytest.approx(77.0)
    # 2,000 replicates 0..1999: h = 1999 * 0.025 = 49.975 and 1999 * 0.975 = 1949.025
    many = [float(i) for i in range(2000)]
    assert quantile(many, Fraction(1, 40)) == pytest.approx(49.975)
    assert quantile(many, Fraction(39, 40)) == pytest.approx(1949.025)
    assert quantile([7.0], Fraction(1, 2)) == 7.0


def test_each_replicate_resamples_the_split_of_transferred_and_not():
    """A elapses 100 minutes each, B 40: every replicate's effect is 60, so M* = 60 * |A*| / 2 and
    |A*| is binomial (60 cases, 1/2): its 2.5 % and 97.5 % quantiles are 23 and 37 (mean 30, sd
    3.87, +-1.96 sd = 22.4 to 37.6)."""
    cases = {(True, 100 * 60_000_000): 30, (False, 40 * 60_000_000): 30}
    (runs,) = bootstrap([cases], Fraction(2), resamples=2000, seed=0)
    assert {round(r / 30, 9) for r in runs} <= set(range(1, 60))  # whole numbers of transferred cases
    low, high = sorted(runs)[50] / 30, sorted(runs)[1949] / 30
    assert 21 <= low <= 24 and 36 <= high <= 39
    assert sum(runs) / len(runs) == pytest.approx(900, rel=0.02)


def test_an_empty_group_is_drawn_again():
    """One case in each group: a replicate with both drawn twice or none is drawn again, so every
    replicate has one of each: M* = (10 - 6) * 1 / 1 = 4 minutes."""
    cases = {(True, 10 * 60_000_000): 1, (False, 6 * 60_000_000): 1}
    (runs,) = bootstrap([cases], Fraction(1), resamples=200, seed=3)
    assert set(runs) == {4.0}


def _association(seed: int) -> str:
    cases = {(True, m * 60_000_000): 1 for m in range(30, 90)} | {
        (False, m * 60_000_000): 1 for m in range(10, 70)
    }
    found = associate(
        {"j": cases}, log="log.csv", cases=120, days=Fraction(61), customer_minute=Fraction(0), seed=seed
    )
    return json_text(found.to_dict())


def test_the_same_seed_gives_the_same_bytes_in_another_process():
    ours = _association(0)
    code = "from tests.test_cost_observed import _association; print(_association(0), end='')"
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    theirs = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert theirs.stdout == ours
    assert _association(1) != ours


def _synthetic(tmp_path, cases: int):
    model = silomap.load(MODELS / "retail-bank")
    write_csv(model, tmp_path / f"log{cases}.csv", cases, seed=5, solo=0.3)
    (tmp_path / f"log{cases}.yaml").write_text(mapping_text(model, f"log{cases}.csv"))
    return observed_cost(model, tmp_path / f"log{cases}.yaml", customer_minute=Fraction(0), resamples=500)


def test_the_interval_holds_the_estimate_and_narrows_as_cases_grow(tmp_path):
    """Minutes a month grow with the cases (M = E |A| / months over the same months); the interval's
    width relative to the estimate shrinks as one over the square root of the cases: ten times the
    cases, about a third (well under a half)."""
    small, large = _synthetic(tmp_path, 2_000), _synthetic(tmp_path, 20_000)
    for found in (small, large):
        for j in found.journeys:
            assert not j.estimated or j.ci_low < j.minutes_per_month < j.ci_high, j.id
        assert found.total["ci_low"] < found.total["minutes_per_month"] < found.total["ci_high"]

    def relative(total):
        return (total["ci_high"] - total["ci_low"]) / total["minutes_per_month"]

    assert relative(large.total) < relative(small.total) / 2
    assert "check-balance" in small.not_estimated  # self-service alone: never transferred


@pytest.mark.parametrize(
    ("seed", "resamples", "message"),
    [
        (-1, 2000, "seed= must be a whole number of at least 0, not -1"),
        (0, 0, "resamples= must be a whole number of at least 1, not 0"),
        (0, True, "resamples= must be a whole number of at least 1, not True"),
        (0, 100_001, "resamples= must be at most 100,000, not 100,001"),
    ],
)
def test_bootstrap_arguments_are_checked(seed, resamples, message):
    with pytest.raises(silomap.UsageError) as caught:
        check_bootstrap(seed, resamples)
    assert str(caught.value) == message


@pytest.mark.needs("spark", "java")
def test_spark_gives_the_same_association_as_duckdb(tmp_path):
    """The elapsed times come from the engine's per-case figures: on Spark, the same figures and bytes."""
    model = silomap.load(OBS / "tiny-model.yaml")
    mapping = _log(tmp_path)
    duck = observed_cost(model, mapping, customer_minute=Fraction(1, 2))
    spark = observed_cost(model, mapping, customer_minute=Fraction(1, 2), engine="spark")
    assert json_text(spark.to_dict()) == json_text(duck.to_dict())


def _half_up(value: float) -> int:
    """Whole, half up, as cost.md rounds (Python's round() goes to even: 572.5 -> 572)."""
    return math.floor(Fraction(value) + Fraction(1, 2))


def _rates(tmp_path, customer_minute: str) -> str:
    text = (
        (ROOT / "examples" / "rates.yaml")
        .read_text()
        .replace("customer_minute: 0 ", f"customer_minute: {customer_minute} ")
    )
    (tmp_path / "rates.yaml").write_text(text)
    return str(tmp_path / "rates.yaml")


def test_cost_observed_says_the_association_in_text_and_json(tmp_path, capsys):
    """The tiny model has no volume: nothing is costed, but the log still says what transfers go with."""
    args = ["cost", str(OBS / "tiny-model.yaml"), _rates(tmp_path, "0.5"), "--observed", str(_log(tmp_path))]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["observed"]
    assert (data["total"]["minutes_per_month"], data["total"]["money"]) == (900, 450)  # 900 * 0.5
    assert data["journeys"][0]["effect_minutes"] == 60 and data["not_estimated"] == []
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    low, high = (_half_up(data["total"][k]) for k in ("ci_low", "ci_high"))
    at = lines.index(f"Observed in {tmp_path / 'log.csv'}: 60 of 61 cases follow a journey, over 2.0 months")
    assert lines[at + 1 :] == [
        f"Transfers go with 900 more elapsed minutes a month (95 % CI {low:,} to {high:,}; 2,000 resamples "
        "of 60 cases): an association, not proof of cause",
        f"  fix: Transfers go with 900 more elapsed minutes a month (95 % CI {low:,} to {high:,}; 2,000 "
        "resamples of 60 cases): an association, not proof of cause",
        f"Customers' time, valued at the rates' customer minute: about €450 a month (95 % CI "
        f"€{_half_up(data['total']['money_low']):,} to €{_half_up(data['total']['money_high']):,})",
    ]


def test_cost_observed_is_the_same_bytes_in_another_process(tmp_path):
    args = [str(OBS / "tiny-model.yaml"), _rates(tmp_path, "0"), "--observed", str(_log(tmp_path)), "--json"]

    def run(seed: str, hashing: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hashing}
        command = [sys.executable, "-m", "silomap", "cost", *args, "--seed", seed, "--resamples", "300"]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    first = run("0", "1")
    assert run("0", "2") == first and run("1", "1") != first
    assert json.loads(first)["observed"]["total"]["money"] is None  # a customer's minute has no value


def test_cost_observed_refuses_a_bad_bootstrap(tmp_path, capsys):
    args = ["cost", str(OBS / "tiny-model.yaml"), _rates(tmp_path, "0"), "--observed", str(_log(tmp_path))]
    assert main([*args, "--resamples", "0"]) == 2
    assert "--resamples must be a whole number of at least 1, not 0" in capsys.readouterr().err


def test_the_example_log_is_the_one_worked_by_hand(tmp_path):
    """examples/observed/service-desk-log.csv (docs/cost.md, "Observed") is this file's small log."""
    made = _log(tmp_path).with_name("log.csv").read_bytes()
    assert (ROOT / "examples" / "observed" / "service-desk-log.csv").read_bytes() == made
