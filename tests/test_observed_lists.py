"""A ``steps`` value may be a list (draft.md, "observe, added to observed.md"): for a journey J, sigma
is the case's events whose activity maps into J, each as the set of J's steps it maps to, equal
sets in a row collapsed; the LCS counts an element equal to a step in its set; a case skips a step
none of its events maps to. Worked by hand on examples/observed/lists*.
"""

from __future__ import annotations

import shutil
from fractions import Fraction

import pytest

import silomap
from silomap._cli import main
from silomap._observed import fitness, lcs

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "observed"
MODEL = EXAMPLE / "lists-model.yaml"
MAPPING = EXAMPLE / "lists.yaml"


def test_sets_in_the_lcs_and_the_fitness():
    # a set counts as equal to each step in it: {work, close} matches work, then close matches close
    assert lcs(["queue", frozenset({"work", "close"}), "close"], ["queue", "work", "close"]) == 3
    # one set matches one step only: LCS of ({work, close}) with work, close is 1
    assert lcs([frozenset({"work", "close"})], ["work", "close"]) == 1
    # |sigma| 2, |J| 3, LCS 2: 1 - (2 + 3 - 4) / 5 = 4/5
    assert fitness(["queue", frozenset({"work", "close"})], ["queue", "work", "close"]) == Fraction(4, 5)


def test_a_step_mapped_to_a_list_by_hand():
    """Queue -> fix/queue; Work -> [fix/work, fix/close]; Fix -> [fix/close, fix/work] (the same set);
    Close -> [fix/close, ask/close] (both journeys); Answer -> ask/answer. fix: queue work close;
    ask: answer close."""
    seen = silomap.observe(silomap.load(MODEL), MAPPING)
    fix, ask = seen.journeys
    # a: Queue Work Close. fix: {queue} {work,close} {close}: LCS 3, |sigma| 3: fitness 1.
    #    ask: {close}: LCS 1, 2/(1+2) = 2/3. fix.
    # b: Queue Work Work. fix: {queue} {work,close} (the two Work collapsed): LCS 2: 4/5. No ask.
    # c: Queue Work Fix. fix: {queue} {work,close} {close,work}: equal sets collapse, as b: 4/5.
    # d: Answer Close. fix: {close}: 2/4 = 1/2. ask: {answer} {close}: 1. ask.
    # e: Close. fix: {close}: 1/2; ask: {close}: 2/3. ask.
    # f: Work Queue. fix: {work,close} {queue}: LCS 1 (queue comes before work), 2/5 < 1/2. unmatched.
    assert (fix.id, fix.cases, ask.id, ask.cases, seen.unmatched_cases) == ("fix", 3, "ask", 2, 1)
    assert fix.fitness == pytest.approx(float((1 + Fraction(4, 5) + Fraction(4, 5)) / 3))  # 13/15
    assert ask.fitness == pytest.approx(float((1 + Fraction(2, 3)) / 2))  # 5/6
    # b and c skip no step of fix: their Work maps to close too. e skips ask's answer: 1 of 2
    assert dict(fix.skipped) == {"queue": 0.0, "work": 0.0, "close": 0.0}
    assert dict(ask.skipped) == {"answer": 0.5, "close": 0.0}


def test_a_list_of_one_step_is_that_step(tmp_path):
    """The same log with every list of one step, or a plain step: the same figures as the mapping
    written with strings (the lists add nothing when each names one step)."""
    shutil.copy(EXAMPLE / "lists-log.csv", tmp_path)
    head = "silomap-log: 1\nlog: lists-log.csv\ncolumns: {case: case, activity: activity, timestamp: time, " \
           "resource: null, group: null}\nsteps:\n"  # fmt: skip
    plain = head + "  Queue: fix/queue\n  Work: fix/work\n  Close: ask/close\n  Answer: ask/answer\n"
    listed = head + "  Queue: [fix/queue]\n  Work: [fix/work]\n  Close: [ask/close]\n  Answer: [ask/answer]\n"
    (tmp_path / "plain.yaml").write_text(plain)
    (tmp_path / "listed.yaml").write_text(listed)
    model = silomap.load(MODEL)
    a = silomap.observe(model, tmp_path / "plain.yaml").to_dict()
    b = silomap.observe(model, tmp_path / "listed.yaml").to_dict()
    assert a == b
    # by hand: fix gets a (queue work: 4/5), b (queue work: 4/5), c (queue work: 4/5); f (work queue:
    # LCS 1, 2/5) is unmatched; ask gets d (answer close: 1), e (close: 2/3); a's Close is ask's close
    # but a matches fix better (4/5 > ask's 2/3)
    assert [(j["id"], j["cases"]) for j in a["journeys"]] == [("fix", 3), ("ask", 2)]
    assert a["journeys"][0]["fitness"] == pytest.approx(0.8)


def test_every_problem_of_a_list_is_located(tmp_path, capsys):
    shutil.copy(EXAMPLE / "lists-log.csv", tmp_path)
    (tmp_path / "bad.yaml").write_text(
        "silomap-log: 1\nlog: lists-log.csv\n"
        "columns: {case: case, activity: activity, timestamp: time, resource: null, group: null}\n"
        "steps:\n"
        "  Work: [fix/work, fix/wrok]\n"  # line 5
        "  Fix: []\n"
        "  Close: [fix/close, ask/close, fix/close]\n"
        "  Answer: [ask/answer, 7]\n"
        "  Other: 12\n"
    )
    assert main(["observe", str(MODEL), str(tmp_path / "bad.yaml")]) == 2
    err = capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    assert (
        f"{bad}:5:20: error[SM031]: steps.Work[1]: unknown step 'fix/wrok'; did you mean 'fix/work'?" in err
    )
    assert f"{bad}:6:8: error[SM022]: steps.Fix: must not be empty" in err
    assert f"{bad}:7:33: error[SM035]: steps.Close[2]: 'fix/close' listed twice (first at [0])" in err
    assert f"{bad}:8:24: error[SM022]: steps.Answer[1]: expected a string, got a number" in err
    assert f"{bad}:9:10: error[SM022]: steps.Other: expected journey-id/step-id or a list of them" in err
    assert "5 errors; nothing was computed" in err and "Traceback" not in err


@pytest.mark.needs("spark", "java")
def test_spark_reads_lists_as_duckdb_does():
    model = silomap.load(MODEL)
    duck = silomap.observe(model, MAPPING)
    spark = silomap.observe(model, MAPPING, engine="spark")
    assert spark.engine == "spark" and spark.to_dict() == duck.to_dict()
    assert [j["cases"] for j in spark.to_dict()["journeys"]] == [3, 2]


def test_observe_reads_a_drafted_mapping_and_ignores_the_draft_keys(tmp_path, capsys):
    """``silomap draft`` writes its own keys into the mapping (draft.md, "Mapping"); observe ignores
    them, giving the figures it gives without them; a key neither knows is still an error."""
    shutil.copy(EXAMPLE / "lists-log.csv", tmp_path)
    drafted = MAPPING.read_text().replace(
        "resource: null, group: null}", "resource: null, group: null, reason: activity}"
    ) + ("customer_channels: [Self-service]\nchannels: {Counter: branch}\nneeds: {Billing: [invoice]}\n"
         "holds: {SAP-ISU: [invoice]}\n")  # fmt: skip
    (tmp_path / "drafted.yaml").write_text(drafted)
    model = silomap.load(MODEL)
    assert (
        silomap.observe(model, tmp_path / "drafted.yaml").to_dict()
        == silomap.observe(model, MAPPING).to_dict()
    )
    (tmp_path / "typo.yaml").write_text(
        drafted.replace("channels: {Counter: branch}", "channels: {Counter: brnch}")
    )
    assert main(["observe", str(MODEL), str(tmp_path / "typo.yaml")]) == 2
    assert "channels.Counter: expected one of web, " in capsys.readouterr().err
