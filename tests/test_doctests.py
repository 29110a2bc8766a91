"""The examples in every docstring run, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import silomap

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(silomap.__path__, "silomap.") if not m.name.endswith("__main__")
)
# modules whose examples need what `pip install '.[dev]'` does not install (tests/conftest.py, NEEDS)
NEEDS = {"silomap._observed.spark_dialect": ("spark",), "silomap._reports.pdf": ("pdf",)}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.needs(*NEEDS[n]) if n in NEEDS else ())
        for n in ["silomap", *MODULES]
    ],
)
def test_docstring_examples(name, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)  # examples refer to models/ by relative path
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_module_that_needs_an_extra_exists():
    assert set(NEEDS) <= set(MODULES)
