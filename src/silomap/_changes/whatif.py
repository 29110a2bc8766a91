"""``silomap.whatif``: a model before and after changes, compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .._metrics import Comparison, analyze, compare
from .._model import Model, need_model
from .._text import plural, safe_text
from .apply import apply, change_set
from .load import ChangeSet
from .schema import Change

__all__ = ["what_if_title", "whatif"]


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
    compared = compare(analyze(model), analyze(apply(model, found)))
    return replace(compared, title=what_if_title(model.name, found))


def what_if_title(name: str, changes: ChangeSet) -> str:
    """The first line of ``silomap whatif``'s text: the model, and the changes by their name or count.

    >>> import silomap
    >>> what_if_title("Bank", silomap.load_changes("examples/changes/connect-app.yaml"))
    'silomap what-if: Bank, Connect the app to core banking'
    """
    said = changes.name or plural(len(changes.changes), "change")
    return f"silomap what-if: {safe_text(name)}, {safe_text(said)}"
