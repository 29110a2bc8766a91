"""The maturity assessment (maturity.md) on tests/data/experience.yaml, worked out by hand."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import silomap
from silomap._cli import main
from silomap._maturity import evidence_level, framework

from .conftest import DATA, MODELS

ASSESSMENT = """\
silomap-assessment: 1
assessed: 2026-10-15
by: CX board
answers:
  data-held: {level: 4, note: "one customer view"}
  know-customers: 2
  ease-of-buying: 5
  sales-tools: 3
  response: 5
  reach-service: 4
"""


@pytest.fixture
def assessed(write):
    model = silomap.load(DATA / "experience.yaml")
    return silomap.assess(model, silomap.load_assessment(write(ASSESSMENT, "a.yaml")))


def test_the_framework_has_three_criteria_and_twenty_questions():
    fw = framework()
    assert [(c.id, c.stage, len(c.questions)) for c in fw.criteria] == [
        ("understanding", "discovery", 7), ("sales", "sales", 7), ("service", "after-sales", 6)]  # fmt: skip
    ids = [q.id for q in fw.questions]
    assert len(ids) == len(set(ids)) == 20
    assert [lv.name for lv in fw.levels] == ["ad hoc", "emerging", "defined", "managed", "optimised"]
    assert all(q.text.endswith("?") for q in fw.questions)


@pytest.mark.parametrize(("value", "level"), [(0, 5), (Fraction(199, 1000), 5), (Fraction(1, 5), 4),
                                              (Fraction(2, 5), 3), (Fraction(3, 5), 2), (Fraction(4, 5), 1), (1, 1)])  # fmt: skip
def test_evidence_levels_are_the_bands_read_as_levels(value, level):
    assert evidence_level(value) == level


def test_evidence_from_the_model(assessed):
    q = {r.id: r for r in assessed.questions}
    # data-held: the discovery stage's sync, profile 1 of 1 unsynced -> 1
    assert (q["data-held"].value, q["data-held"].evidence) == (1, 1)
    assert q["data-held"].because == "1 of 1 copies of the customer data it touches is not kept in sync"
    # ease-of-buying, reach-service: hand-offs of sales and after-sales, 1/2 -> 3
    assert (q["ease-of-buying"].value, q["ease-of-buying"].evidence) == (Fraction(1, 2), 3)
    assert q["ease-of-buying"].because == "1 hand-off per sales journey (1 journey weighted by volume)"
    assert (q["reach-service"].value, q["reach-service"].evidence) == (Fraction(1, 2), 3)
    # sales-tools: the sales stage's desktop, sales uses crm and legacy: f(2) = 1/2 -> 3
    assert (q["sales-tools"].value, q["sales-tools"].evidence) == (Fraction(1, 2), 3)
    # response: after-sales fragmentation 3/26 -> 5
    assert (q["response"].value, q["response"].evidence) == (Fraction(3, 26), 5)
    # self-help: after-sales questions q-order, q-ticket; a customer answers q-order only: 1 - 1/2 -> 3
    assert (q["self-help"].value, q["self-help"].evidence) == (Fraction(1, 2), 3)
    assert q["self-help"].because == "customers can answer 1 of 2 after-sales questions themselves"
    assert q["needs"].evidence is None and q["needs"].because is None  # the model cannot tell


def test_criteria_self_and_evidence(assessed):
    c = {r.id: r for r in assessed.criteria}
    # self: means of the answers; evidence: the stage score / 100 read as a level (40.0, 40.0, 20.5)
    assert (c["understanding"].self_level, c["understanding"].evidence, c["understanding"].stage_score) == (
        3.0,
        3,
        40.0,
    )
    assert (c["sales"].self_level, c["sales"].evidence) == (4.0, 3)
    assert (c["service"].self_level, c["service"].evidence) == (4.5, 4)
    assert assessed.overall == 3.8  # (3 + 4 + 4.5) / 3 = 3.83


def test_gaps_of_two_levels_or_more(assessed):
    assert [(g.id, g.self_level, g.evidence) for g in assessed.gaps] == [
        ("data-held", 4, 1),
        ("ease-of-buying", 5, 3),
    ]
    assert assessed.gaps[1].text == (
        "you rate ease-of-buying 5; the model suggests 3: 1 hand-off per sales journey (1 journey weighted by volume)"
    )


def test_a_criterion_gap_names_its_stage(write):
    answers = "".join(f"  {q.id}: 5\n" for q in framework().criterion("understanding").questions)
    path = write(f"silomap-assessment: 1\nassessed: 2026-10-15\nanswers:\n{answers}", "a.yaml")
    result = silomap.assess(silomap.load(DATA / "experience.yaml"), silomap.load_assessment(path))
    gap = next(g for g in result.gaps if g.id == "understanding")
    assert (
        gap.text
        == "you rate understanding 5; the model suggests 3: the discovery stage scores 40 (partly integrated)"
    )


def test_assess_json_shape(write, capsys):
    path = write(ASSESSMENT, "a.yaml")
    assert main(["assess", str(DATA / "experience.yaml"), str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"criteria", "questions", "gaps"}
    assert data["criteria"]["understanding"] == {"self": 3.0, "evidence": 3, "stage_score": 40.0}
    assert {k: data["questions"]["ease-of-buying"][k] for k in ("self", "evidence", "value")} == {
        "self": 5, "evidence": 3, "value": 0.5}  # fmt: skip
    assert data["questions"]["wants"] == {"self": None, "evidence": None, "value": None, "because": None}
    assert [(g["id"], g["self"], g["evidence"]) for g in data["gaps"]] == [
        ("data-held", 4, 1),
        ("ease-of-buying", 5, 3),
    ]
    assert len(data["questions"]) == 20 and len(data["unanswered"]) == 14


def test_assess_without_an_assessment_gives_the_evidence_and_a_hint(capsys):
    assert main(["assess", str(DATA / "experience.yaml")]) == 0
    out = capsys.readouterr().out
    assert "no assessment given: evidence levels only (write one: silomap assess --template)" in out
    assert "  Customer service               after-sales      -      4  20.5" in out


def test_the_template_lists_every_question_and_reads_back(tmp_path, capsys):
    assert main(["assess", "--template"]) == 0
    text = capsys.readouterr().out
    assert all(f"\n  {q.id}:\n" in text and f"# {q.text}" in text for q in framework().questions)
    path = tmp_path / "a.yaml"
    path.write_text(text.replace("  reach-service:\n", "  reach-service: 2\n"))
    a = silomap.load_assessment(path)
    assert a.answers.keys() == {"reach-service"}


def test_bad_assessment_files_are_located_all_at_once(write, capsys, monkeypatch, tmp_path):
    write("silomap-assessment: 1\nassessed: 2026-13-45\nanswers:\n  reach-servce: 3\n  self-help: 6\n"
          "  response: {level: 2, nots: x}\n", "a.yaml")  # fmt: skip
    monkeypatch.chdir(tmp_path)  # the assessment named as given: a.yaml
    assert main(["assess", str(MODELS / "telecom"), "a.yaml"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        "a.yaml:2:11: error[SM022]: assessed: expected a date (YYYY-MM-DD); got '2026-13-45'",
        "a.yaml:4:3: error[SM020]: answers.reach-servce: unknown field 'reach-servce' in answers; did you mean 'reach-service'?",
        "a.yaml:5:14: error[SM022]: answers.self-help.level: must be at most 5; got 6",
        "a.yaml:6:24: error[SM020]: answers.response.nots: unknown field 'nots' in answers.response; did you mean 'note'?",
    ]


def test_an_assessment_kept_in_a_model_directory_is_not_part_of_the_model(tmp_path):
    model = silomap.load(MODELS / "retail-bank")  # models/retail-bank/assessment.yaml sits beside it
    assert model.name == "Northwind Retail Bank"
    with pytest.raises(silomap.ModelError, match="this is an assessment file, not a model"):
        silomap.load(MODELS / "retail-bank" / "assessment.yaml")


def test_the_report_has_a_maturity_section(write, tmp_path):
    path = write(ASSESSMENT, "a.yaml")
    out = tmp_path / "r.html"
    assert main(["report", str(DATA / "experience.yaml"), "--assessment", str(path), "--renderer", "embedded",
                 "-o", str(out)]) == 0  # fmt: skip
    page = out.read_text()
    assert 'id="maturity"' in page and page.count("<svg") >= 1
    assert "you rate data-held 4; the model suggests 1" in page
    assert "Questions nobody answered (14)" in page and "Muñoz and Ávila (2019)" in page
    # the output never overwrites the assessment
    assert main(["report", str(DATA / "experience.yaml"), "--assessment", str(path), "-o", str(path)]) == 2
    assert path.read_text() == ASSESSMENT
    md = silomap.report(silomap.load(DATA / "experience.yaml"), fmt="md",
                        assessment=silomap.load_assessment(path))  # fmt: skip
    assert "| Customer service | after-sales | 4.5 | 4 |" in md


def test_hostile_text_in_an_assessment_is_shown_as_text(write, capsys, tmp_path):
    bad = write('silomap-assessment: 1\nassessed: 2026-10-15\nby: "CX\\e[2J"\n', "bad.yaml")
    assert main(["assess", str(DATA / "experience.yaml"), str(bad)]) == 2  # hidden characters refused
    assert "error[SM024]" in capsys.readouterr().err
    path = write('silomap-assessment: 1\nassessed: 2026-10-15\nby: "<script>x</script>"\n'
                 'answers:\n  reach-service: {level: 5, note: "<img src=x onerror=alert(1)>"}\n', "a.yaml")  # fmt: skip
    assert main(["assess", str(DATA / "experience.yaml"), str(path)]) == 0
    assert "by <script>x</script>" in capsys.readouterr().out  # a terminal shows it as text
    page = silomap.report(silomap.load(DATA / "experience.yaml"), renderer="embedded",
                          assessment=silomap.load_assessment(path))  # fmt: skip
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page and "<img src=x" not in page
