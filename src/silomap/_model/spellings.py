"""Old spellings of the public functions' arguments, kept working with a ``DeprecationWarning``.

The public functions take their subject first (a model, a path), then at most its format, and
every option by keyword (``report(model, "md", baseline=...)``). Code written against an earlier
spelling keeps working: :func:`old_spellings` accepts a renamed keyword (``format=`` for ``fmt=``),
an option given by position, or two arguments in their earlier order, and warns with the new
spelling. An error about an argument names it as the caller wrote it (``format=``).
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

from .._errors import SilomapError

__all__ = ["old_spellings"]

P = ParamSpec("P")
R = TypeVar("R")


def old_spellings(
    *,
    renamed: Mapping[str, str] | None = None,
    positional: Sequence[str] = (),
    swapped: Callable[[Sequence[Any]], bool] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept the earlier spellings of a public function's arguments, each with a warning.

    ``renamed`` maps an old keyword to its new name; ``positional`` names the options that
    followed the leading arguments by position; ``swapped`` tells, from the arguments given by
    position, that the first two came in their earlier order (the format before the path).

    >>> @old_spellings(renamed={"format": "fmt"}, positional=("fmt",))
    ... def report(model: str, *, fmt: str = "html") -> str:
    ...     return f"{model} as {fmt}"
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     report("bank", format="md"), report("bank", "md")
    ('bank as md', 'bank as md')
    >>> [str(w.message) for w in caught]  # doctest: +NORMALIZE_WHITESPACE
    ['silomap.report(format=) is deprecated; use fmt=',
     'silomap.report: give fmt by keyword (fmt=); by position is deprecated']
    """
    renames = dict(renamed or {})

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        leading = [
            p.name for p in inspect.signature(func).parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD
        ]

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            name = f"silomap.{call.__qualname__}"  # the public name: the facade sets it
            args, said = _spelled(name, leading, args, kwargs, renames, positional, swapped)
            try:
                return func(*args, **kwargs)
            except SilomapError as err:  # name the argument as the caller wrote it
                if err.param in said:
                    err.param = said[err.param]
                    err.args = (err.format_message(),)
                raise

        return call

    return decorate


def _spelled(
    name: str,
    leading: list[str],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    renames: dict[str, str],
    positional: Sequence[str],
    swapped: Callable[[Sequence[Any]], bool] | None,
) -> tuple[tuple[Any, ...], dict[str, str]]:
    """The arguments in today's spelling (``kwargs`` is updated), and each new name the caller
    spelled otherwise, with the old spelling."""
    said: dict[str, str] = {}
    if swapped is not None and len(args) >= 2 and swapped(args):
        first, second = leading[:2]
        _warn(f"{name}({second}, {first}) is deprecated; give {first} first: {name}({first}, {second})")
        said[second] = next((old for old, new in renames.items() if new == second), second)
        args = (args[1], args[0], *args[2:])
    extra = args[len(leading) :]
    for option, value in zip(positional, extra, strict=False):
        if option in kwargs:
            raise TypeError(f"{name}() got multiple values for argument {option!r}")
        _warn(f"{name}: give {option} by keyword ({option}=); by position is deprecated")
        kwargs[option] = value
    if len(extra) > len(positional):
        raise TypeError(f"{name}() takes {len(leading) + len(positional)} positional arguments at most")
    for old, new in renames.items():
        if old in kwargs:
            if new in kwargs:
                raise TypeError(f"{name}() got both {old}= and {new}=; give {new}= alone")
            _warn(f"{name}({old}=) is deprecated; use {new}=")
            kwargs[new] = kwargs.pop(old)
            said[new] = old
    return args[: len(leading)], said


def _warn(message: str) -> None:
    warnings.warn(message, DeprecationWarning, stacklevel=4)
