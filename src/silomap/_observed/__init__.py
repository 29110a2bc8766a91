"""Observed journeys (``observed.md``): measure the seams in real event logs, beside the model.

- ``mapping``: the log mapping file, checked against the model;
- ``sources``: the log's files, listed once (regular files, inside the mapping's folder) and read
  into the engine by their exact names, every bad input located; ``lines``: where a record of a
  CSV file is, as editors count lines and columns; ``rows``: bad rows named at their place;
- ``queries``: the SQL, written once; ``engine``: the log loaded and the statements run on an
  engine; ``resources``: the memory bound and spill folder checked, and their failures in the
  user's words;
- ``interface``: what an engine is (a protocol) and the SQL quoting both share; ``backends``: the
  table of engines; ``duckdb_engine`` (bounded memory, spilling) and ``spark_engine``, with
  ``spark_dialect``, Spark's translation of the SQL; ``codes``: the log's values as numbers;
- ``columns``: the mapping's columns against the log; which figure needs which column, and
  those not measured;
- ``compare``: declared against observed (fitness by longest common subsequence);
- ``result``: :func:`observe` and its result; ``elapsed``: each case's elapsed time by journey
  and transferred or not (what the cost of silos reads of a log).

May import: the metrics and model layers and the foundations. DuckDB, pandas and pyarrow are
optional (``silomap[observe]``) and imported only when a log is read.
"""

from .backends import ENGINES, start
from .columns import GIVES, blank, check_columns, not_measured, unmeasured_journey
from .compare import MATCH, JourneyObserved, Sigma, Tally, best, best_fit, fitness, journey_observed, lcs
from .elapsed import Elapsed, elapsed
from .engine import MATRIX_PAIRS, prepare, summary_figures
from .interface import Engine, Settings, literal
from .mapping import LogMapping, MappingFile, load_mapping, log_path
from .resources import check_memory_limit, check_temp_directory
from .result import Observed, observe
from .sources import refuse_input

__all__ = [
    "ENGINES",
    "GIVES",
    "MATCH",
    "MATRIX_PAIRS",
    "Elapsed",
    "Engine",
    "JourneyObserved",
    "LogMapping",
    "MappingFile",
    "Observed",
    "Settings",
    "Sigma",
    "Tally",
    "best",
    "best_fit",
    "blank",
    "check_columns",
    "check_memory_limit",
    "check_temp_directory",
    "elapsed",
    "fitness",
    "journey_observed",
    "lcs",
    "literal",
    "load_mapping",
    "log_path",
    "not_measured",
    "observe",
    "prepare",
    "refuse_input",
    "start",
    "summary_figures",
    "unmeasured_journey",
]
