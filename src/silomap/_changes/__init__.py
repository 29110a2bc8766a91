"""Changes to a model: the change file, applying it, what-if comparisons, ranked fixes, the roadmap.

- ``schema``: the change file as frozen pydantic models; ``load``: reading one;
- ``apply``: changes applied in order, each checked, the result valid;
- ``whatif``: before and after, compared;
- ``words``: effort (quick or big) and plain words for a change;
- ``evaluate``: a change measured by recomputing only what it affects;
- ``candidates``: the changes worth measuring, from the evidence;
- ``fixes``: ranked fixes and the roadmap.

May import: the metrics and model layers and the foundations. Never
diagrams, reports, importers or the CLI.
"""

from .apply import apply
from .fixes import EFFORTS, Fix, Fixes, fixes
from .load import ChangeSet, load_changes
from .schema import KINDS, Change, ChangeFile
from .whatif import whatif
from .words import describe, effort

__all__ = [
    "EFFORTS",
    "KINDS",
    "Change",
    "ChangeFile",
    "ChangeSet",
    "Fix",
    "Fixes",
    "apply",
    "describe",
    "effort",
    "fixes",
    "load_changes",
    "whatif",
]
