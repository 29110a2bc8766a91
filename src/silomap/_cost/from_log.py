"""``cost --observed``: a log read as ``observe`` reads it (the engine's per-case figures, matched to
the journeys), then what transfers go with (:mod:`.observed`)."""

from __future__ import annotations

import os
from fractions import Fraction

from .._config import Limits
from .._errors import UsageError
from .._model import Model, need_whole
from .._observed import LogMapping, Observed, elapsed, observe
from .observed import Association, associate

__all__ = ["MOST_RESAMPLES", "check_bootstrap", "observed_cost", "seen_association"]

MOST_RESAMPLES = 100_000


def check_bootstrap(seed: object, resamples: object) -> None:
    """Refuse a seed that is not a whole number of at least 0, or resamples outside 1 to 100,000.

    >>> check_bootstrap(0, 0)
    Traceback (most recent call last):
    ...
    silomap.UsageError: resamples= must be a whole number of at least 1, not 0
    """
    need_whole(seed, "seed", least=0)
    need_whole(resamples, "resamples", least=1)
    if isinstance(resamples, int) and resamples > MOST_RESAMPLES:
        too_many = f"{{param}} must be at most {MOST_RESAMPLES:,}, not {resamples:,}"
        raise UsageError(too_many, param="resamples")


def observed_cost(
    model: Model,
    mapping: str | os.PathLike[str] | LogMapping,
    *,
    customer_minute: Fraction,
    seed: int = 0,
    resamples: int = 2000,
    engine: str = "duckdb",
    limits: Limits | None = None,
) -> Association:
    """What transfers go with in the log of ``mapping``: each journey's effect on elapsed minutes,
    its minutes a month and their 95 % bootstrap interval (``cost.md``, "Observed").

    Parameters
    ----------
    model, mapping, engine, limits
        As :func:`silomap.observe` takes them.
    customer_minute
        The rates' value of a customer's minute (0: minutes only).
    seed, resamples
        The bootstrap's seed (0) and replicates (2,000).

    Returns
    -------
    Association
        The figures of ``observed`` in ``cost --json``.

    Raises
    ------
    silomap.UsageError, silomap.ModelError
        A seed or resamples out of bounds, named; a mapping or log with problems, located.

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> found = observed_cost(model, "examples/observed/retail-bank.yaml", customer_minute=Fraction(0))
    >>> found.log, found.cases, found.not_estimated[:2]
    ('examples/observed/retail-bank-log.csv', 400, ('check-balance', 'report-lost-card'))
    """
    check_bootstrap(seed, resamples)
    seen = observe(model, mapping, engine=engine, limits=limits)
    return seen_association(seen, model, customer_minute=customer_minute, seed=seed, resamples=resamples)


def seen_association(
    seen: Observed, model: Model, *, customer_minute: Fraction, seed: int = 0, resamples: int = 2000
) -> Association:
    """What transfers go with in a log already observed (what :func:`silomap.observe` returned for
    ``model``): the report's, which has read the log once for its "Observed" section."""
    check_bootstrap(seed, resamples)
    found = elapsed(seen, model)
    return associate(
        found.journeys,
        log=found.log,
        cases=found.cases,
        days=found.days,
        customer_minute=customer_minute,
        resamples=resamples,
        seed=seed,
    )
