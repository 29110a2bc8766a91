"""Drafting a model from an event log (``draft.md``): the model a user completes, with evidence.

- ``mapping``: observe's mapping file, read without a model, with the draft's keys;
- ``events``: the two passes on the engine (DuckDB through observe's log reading);
- ``journeys``: keys, the journeys kept and their representatives (Python, per variant);
- ``names``: slugs, ids, channels and exact rounding;
- ``build``: the drafted items with their ``x-evidence``; ``report``: ``draft-report.md``;
- ``result``: :func:`draft` and :class:`Draft`.

May import: observed journeys (the engine, the log's reading), the importers (names cleaned,
ids), the metrics, the model layer and the foundations. Only the CLI and the facade import it.
"""

from .result import KEYS, Draft, draft

__all__ = ["KEYS", "Draft", "draft"]
