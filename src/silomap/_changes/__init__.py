"""Changes to a model: the change file, applying it, what-if comparisons, ranked fixes, the roadmap.

- ``kinds``: one module per kind of change (its schema, how it applies, its effort,
  its words, what it touches) and ``KINDS``, the table everything dispatches through;
- ``schema``: the change file as frozen pydantic models, a field per kind; ``load``: reading one;
- ``apply``: changes applied in order, each checked, the result valid;
- ``whatif``: before and after, compared;
- ``words``: effort (quick or big) and plain words for a change, as its kind says;
- ``evaluate``: a change measured by recomputing only what it affects;
- ``candidates``: the changes worth measuring, from the evidence;
- ``scope``: which changes a search may propose;
- ``fixes``: ranked fixes and the roadmap; ``ranked``: what it returns.

May import: the metrics and model layers and the foundations. Never
diagrams, reports, importers or the CLI.
"""

from .apply import apply
from .fixes import fixes
from .kinds import KINDS
from .load import ChangeSet, load_changes
from .ranked import Alternative, Fix, Fixes, RoadmapStep
from .schema import Change, ChangeFile
from .scope import EFFORTS
from .whatif import what_if_title, whatif
from .words import describe, effort

__all__ = [
    "EFFORTS",
    "KINDS",
    "Alternative",
    "Change",
    "ChangeFile",
    "ChangeSet",
    "Fix",
    "Fixes",
    "RoadmapStep",
    "apply",
    "describe",
    "effort",
    "fixes",
    "load_changes",
    "what_if_title",
    "whatif",
]
