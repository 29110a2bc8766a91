"""The model layer: from YAML files to one frozen, valid :class:`Model`, and its graph.

- ``base``, ``kpis``, ``schema``: the format as frozen pydantic models (with
  extension fields and KPIs), and its JSON Schema;
- ``files``: finding a model's files without leaving its root, and naming
  files as the user gave them (``shown``);
- ``yaml_text``, ``yaml_reader``, ``document``: the hardened YAML reader,
  which keeps the position of every node;
- ``messages``: pydantic's errors as problems a person can act on;
- ``rules``: the rules over the whole model (ids, references);
- ``load``: all of the above, every problem at once;
- ``lookup``: items by id, and the names people read;
- ``validate``: a model built or changed in Python, checked like a file;
- ``yaml_files``: a model as the YAML files of a directory model;
- ``graph``: the model as a networkx graph.

Line numbers live only here. May import: the foundations
(``silomap._errors``, ``_text``, ``_config``, ``_io``) and nothing else of silomap.
"""

from .document import Document, format_path
from .files import inside, shown
from .git import git_log, load_at_revision
from .graph import graph, node_key
from .kpis import KPIS, Goal, Kpis, KpiSpec
from .load import SilomapWarning, load, load_with_warnings, read_yaml_file
from .lookup import by_id, names
from .messages import problems_from_pydantic
from .schema import (
    CHANNELS,
    DIGITAL_CHANNELS,
    LIFECYCLES,
    REPLACED,
    SYSTEM_KINDS,
    UNDECLARED_KIND,
    Entity,
    Integration,
    Journey,
    Model,
    ModelPart,
    Question,
    Scoring,
    Step,
    System,
    Team,
    Weights,
    json_schema,
)
from .spellings import old_spellings
from .validate import require_valid, validate
from .yaml_files import dump, model_files, split_files, split_lists

__all__ = [
    "CHANNELS",
    "DIGITAL_CHANNELS",
    "KPIS",
    "LIFECYCLES",
    "REPLACED",
    "SYSTEM_KINDS",
    "UNDECLARED_KIND",
    "Document",
    "Entity",
    "Goal",
    "Integration",
    "Journey",
    "KpiSpec",
    "Kpis",
    "Model",
    "ModelPart",
    "Question",
    "Scoring",
    "SilomapWarning",
    "Step",
    "System",
    "Team",
    "Weights",
    "by_id",
    "dump",
    "format_path",
    "git_log",
    "graph",
    "inside",
    "json_schema",
    "load",
    "load_at_revision",
    "load_with_warnings",
    "model_files",
    "names",
    "node_key",
    "old_spellings",
    "problems_from_pydantic",
    "read_yaml_file",
    "require_valid",
    "shown",
    "split_files",
    "split_lists",
    "validate",
]
