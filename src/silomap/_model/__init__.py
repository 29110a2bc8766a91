"""The model layer: from YAML files to one frozen, valid :class:`Model`, and its graph.

- ``base``, ``kpis``, ``schema``: the format as frozen pydantic models (with
  extension fields and KPIs), and its JSON Schema;
- ``files``: finding a model's files without leaving its root, and naming
  files as the user gave them (``shown``);
- ``messages``: pydantic's errors as problems a person can act on;
- ``rules``: the rules over the whole model (ids, references);
- ``load``: all of the above, every problem at once;
- ``lookup``: items by id, and the names people read;
- ``validate``: a model built or changed in Python, checked like a file;
- ``yaml_files``: a model as the YAML files of a directory model;
- ``graph``: the model as a networkx graph.

Files are read by the hardened YAML reader (``silomap._yaml``), which keeps the position of every
node; line numbers live only there and here. May import: the YAML reader and the foundations
(``silomap._errors``, ``_text``, ``_config``, ``_io``) and nothing else of silomap.
"""

from .arguments import described, need, need_limits, need_model, need_path, need_strings, need_whole
from .base import ID_PATTERN, Extensible, Id, Name, Strict, Text
from .files import inside, shown
from .git import git_log, load_at_revision
from .graph import graph, node_key
from .items import (
    CHANNELS,
    DIGITAL_CHANNELS,
    LIFECYCLES,
    LIST_KINDS_ORDER,
    MAX_VOLUME,
    MODES,
    REPLACED,
    STAGES,
    SYSTEM_KINDS,
    UNDECLARED_KIND,
    Channel,
    Entity,
    Integration,
    Journey,
    Minutes,
    Mode,
    Question,
    Step,
    System,
    Team,
)
from .kpis import KPIS, Goal, Kpis, KpiSpec
from .load import OTHER_FILES, SilomapWarning, load, load_with_warnings, read_yaml_file
from .lookup import by_id, names
from .messages import problems_from_pydantic
from .rules import LIST_KINDS, Declared, Part, check_parts
from .schema import Model, ModelPart, Scoring, Weights, json_schema
from .spellings import old_spellings
from .validate import IN_MEMORY, known_valid, require_valid, validate
from .yaml_files import dump, model_files, split_files, split_lists

__all__ = [
    "CHANNELS",
    "DIGITAL_CHANNELS",
    "ID_PATTERN",
    "IN_MEMORY",
    "KPIS",
    "LIFECYCLES",
    "LIST_KINDS",
    "LIST_KINDS_ORDER",
    "MAX_VOLUME",
    "MODES",
    "OTHER_FILES",
    "REPLACED",
    "STAGES",
    "SYSTEM_KINDS",
    "UNDECLARED_KIND",
    "Channel",
    "Declared",
    "Entity",
    "Extensible",
    "Goal",
    "Id",
    "Integration",
    "Journey",
    "KpiSpec",
    "Kpis",
    "Minutes",
    "Mode",
    "Model",
    "ModelPart",
    "Name",
    "Part",
    "Question",
    "Scoring",
    "SilomapWarning",
    "Step",
    "Strict",
    "System",
    "Team",
    "Text",
    "Weights",
    "by_id",
    "check_parts",
    "described",
    "dump",
    "git_log",
    "graph",
    "inside",
    "json_schema",
    "known_valid",
    "load",
    "load_at_revision",
    "load_with_warnings",
    "model_files",
    "names",
    "need",
    "need_limits",
    "need_model",
    "need_path",
    "need_strings",
    "need_whole",
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
