"""``silomap.whatif``: a model before and after changes, compared."""

from __future__ import annotations

from collections.abc import Sequence

from .._metrics import Comparison, analyze, compare
from .._model import Model, need_model
from .apply import apply, change_set
from .load import ChangeSet
from .schema import Change

__all__ = ["whatif"]


def whatif(model: Model, changes: ChangeSet | Sequence[Change] | Change) -> Comparison:
    """Apply changes and compare: scores, components, journeys, questions and evidence. The public
    ``silomap.whatif`` (``_cost``, which adds the money with ``rates=``) documents the arguments.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> whatif(m, silomap.load_changes("examples/changes/connect-app.yaml")).delta
    -1.1
    """
    need_model(model)
    found = change_set(changes)  # both checked before the model is measured
    return compare(analyze(model), analyze(apply(model, found)))
