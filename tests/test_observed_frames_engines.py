"""``Observed.cases()`` is the same DataFrame whichever engine ran: DuckDB's and Spark's pandas frames
hold the same cells in the same dtypes, column by column, the types docs/python.md's frames table
gives (an integer column with an empty cell is ``Int64``, a boolean one ``boolean``).

Spark's ``toPandas`` leaves a column with a null in it as ``object``; the frames are cast to the
documented types, so a user switching engines gets the same frame.
"""

from __future__ import annotations

import pandas
import pytest

import silomap
from silomap._metrics import from_pandas

from .conftest import DATA, MODELS, ROOT

TINY = DATA / "observed"


def test_a_frame_from_an_engine_is_cast_to_the_documented_types():
    """What Spark's ``toPandas`` gives for the tiny log mapped without its group column (docs/observed.md,
    "Not measured"): transfers not measured in any case, repeat contact in two of three."""
    spark_like = pandas.DataFrame(
        {"transfers": [None, None, None], "repeat_contact": [False, True, None], "events": [6, 2, 1]},
        dtype=object,
    )
    schema = (("transfers", "integer"), ("repeat_contact", "boolean"), ("events", "integer"))
    typed = from_pandas(spark_like, schema)
    assert {c: str(t) for c, t in typed.dtypes.items()} == {
        "transfers": "Int64",  # integer with an empty cell (docs/python.md)
        "repeat_contact": "boolean",  # boolean with an empty cell
        "events": "int64",  # integer, every cell filled
    }
    assert typed["transfers"].isna().all()  # not measured stays null, never 0
    assert typed["repeat_contact"].tolist()[:2] == [False, True] and typed["repeat_contact"].isna().iloc[2]


CASES = [
    (TINY / "tiny-model.yaml", TINY / "tiny.yaml"),
    (TINY / "tiny-model.yaml", TINY / "tiny-no-team.yaml"),
    (MODELS / "retail-bank", ROOT / "examples" / "observed" / "retail-bank.yaml"),
]


@pytest.mark.needs("spark", "java")
@pytest.mark.parametrize(("model", "mapping"), CASES, ids=["tiny", "tiny-no-team", "retail-bank"])
def test_both_engines_give_the_same_cases_frame(model, mapping):
    loaded = silomap.load(model)
    duck = silomap.observe(loaded, mapping).cases()
    spark = silomap.observe(loaded, mapping, engine="spark").cases()
    assert list(spark.columns) == list(duck.columns)
    for column in duck.columns:
        assert str(spark[column].dtype) == str(duck[column].dtype), column
        pandas.testing.assert_series_equal(spark[column], duck[column], check_exact=True)


@pytest.mark.needs("spark", "java")
def test_not_measured_columns_have_the_documented_types_in_spark():
    """Without a group column (docs/observed.md): transfers and ping-pong not measured, so null in every
    case, in the integer type with gaps; first-contact resolution needs teams: null, boolean."""
    seen = silomap.observe(silomap.load(TINY / "tiny-model.yaml"), TINY / "tiny-no-team.yaml", engine="spark")
    frame = seen.cases()
    types = {c: str(t) for c, t in frame.dtypes.items()}
    assert types["transfers"] == types["ping_pong"] == "Int64"
    assert types["first_contact_resolution"] == types["repeat_contact"] == "boolean"
    assert types["events"] == types["handoffs"] == "int64" and types["start"] == "datetime64[us]"
    assert frame["transfers"].isna().all() and frame["first_contact_resolution"].isna().all()
