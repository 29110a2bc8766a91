"""The joined records of an analysis agree with its parallel tuples, and are built once."""

from __future__ import annotations

import pickle

import pytest

import silomap
from silomap._metrics import JourneyRecord, QuestionRecord, TeamRecord

from .conftest import MODELS

BUNDLED = sorted(p.name for p in MODELS.iterdir() if p.is_dir())


@pytest.fixture(scope="module", params=BUNDLED)
def analysis(request):
    return silomap.analyze(silomap.load(MODELS / request.param))


def test_three_models_are_bundled():
    assert BUNDLED == ["retail-bank", "telecom", "university"]


# (records, figures, what the record joins to each figure, its attribute, KPI scope)
JOINS = {
    "journey": ("journeys", "journeys", "experience", "experience", "journey"),
    "question": ("questions", "questions", "parity", "parity", "question"),
}


@pytest.mark.parametrize("kind", sorted(JOINS))
def test_every_journey_and_question_record_agrees_with_the_tuples(analysis, kind):
    records, figures, joined, attribute, scope = JOINS[kind]
    index = getattr(analysis.joined, records)
    assert list(index) == [f.id for f in getattr(analysis, figures)]
    for figure, other in zip(getattr(analysis, figures), getattr(analysis, joined), strict=True):
        record = getattr(analysis, f"{kind}_record")(figure.id)
        assert isinstance(record, JourneyRecord if kind == "journey" else QuestionRecord)
        assert record.id == figure.id == other.id
        assert record.figure is figure
        assert getattr(record, attribute) is other
        assert record.kpis == tuple(r for r in analysis.kpis if r.scope == scope and r.id == figure.id)


def test_every_team_record_agrees_with_the_tuples(analysis):
    hours = {t.id: t.hours for t in analysis.team_hours}
    assert list(analysis.joined.teams) == [t.id for t in analysis.teams]
    for figure in analysis.teams:
        record = analysis.team_record(figure.id)
        assert isinstance(record, TeamRecord)
        assert record.figure is figure
        assert record.hours == hours.get(figure.id)


def test_the_model_wide_kpis_are_kept(analysis):
    assert analysis.joined.kpis == tuple(r for r in analysis.kpis if r.scope == "model")


def test_a_record_is_built_once(analysis):
    journey, question, team = analysis.journeys[0].id, analysis.questions[0].id, analysis.teams[0].id
    assert analysis.joined is analysis.joined
    assert analysis.journey_record(journey) is analysis.journey_record(journey)
    assert analysis.question_record(question) is analysis.question_record(question)
    assert analysis.team_record(team) is analysis.team_record(team)


def test_the_records_are_frozen_and_the_analysis_still_pickles(analysis):
    record = analysis.journey_record(analysis.journeys[0].id)
    with pytest.raises(AttributeError):
        record.id = "other"  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(analysis))
    assert again == analysis
    assert again.joined == analysis.joined


def test_an_unknown_id_is_a_key_error(analysis):
    with pytest.raises(KeyError):
        analysis.journey_record("no-such-journey")
    with pytest.raises(KeyError):
        analysis.team_record("no-such-team")


def test_the_entities_are_indexed_in_order(analysis):
    assert list(analysis.joined.entities.values()) == list(analysis.entities)
    assert all(analysis.joined.entities[e.id] is e for e in analysis.entities)


def test_the_kpi_holders_follow_the_analysis_kpis(analysis):
    flat = [row for _, _, rows in analysis.joined.kpi_holders() for row in rows]
    assert flat == list(analysis.kpis)
    assert all(
        rows and {(r.scope, r.id) for r in rows} == {(scope, ident)}
        for scope, ident, rows in analysis.joined.kpi_holders()
    )


def test_the_analysis_accessors_read_the_records(analysis):
    journey, question = analysis.journeys[-1], analysis.questions[-1]
    assert analysis.journey(journey.id) is journey
    assert analysis.experience_of(journey.id) is analysis.journey_record(journey.id).experience
    assert analysis.question(question.id) is question
    assert analysis.parity_of(question.id) is analysis.question_record(question.id).parity
    with pytest.raises(KeyError):
        analysis.parity_of("no-such-question")
