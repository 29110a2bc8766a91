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
    """Apply changes and compare: scores, components, journeys, questions and evidence.

    Parameters
    ----------
    model
        A valid model.
    changes
        A change set (:func:`silomap.load_changes`), a list of changes, or one change.

    Returns
    -------
    Comparison
        The analysis before and after, and what changed.

    Raises
    ------
    silomap.UsageError
        ``model`` or ``changes`` is of another kind, naming it.
    silomap.ModelError
        The model is invalid, or a change cannot be applied (SM070, SM071).

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> c = silomap.whatif(m, silomap.load_changes("examples/changes/connect-app.yaml"))
    >>> c.before.score, c.after.score, c.delta
    (40.0, 38.9, -1.1)
    """
    need_model(model)
    found = change_set(changes)  # both checked before the model is measured
    return compare(analyze(model), analyze(apply(model, found)))
