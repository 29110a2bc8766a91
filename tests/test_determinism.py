"""The same model gives the same bytes, in another process with another hash seed.

Two renders in one process share set and dict order, so a second run in the
same process proves little: the second run here is a subprocess with a
different ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from silomap._cli import main

from .conftest import MODELS, ROOT

OUTPUTS = [
    ("landscape.dot", ["render", "--overlay", "questions"]),
    ("landscape.mmd", ["render", "--group-by", "kind"]),
    ("journey.dot", ["render", "--view", "journey", "--journey", "enrol-and-pay"]),
    ("question.dot", ["render", "--view", "question", "--question", "where-is-my-cas"]),
    ("report.md", ["report"]),
    ("report.html", ["report", "--renderer", "embedded"]),
]


def _in_subprocess(args: list[str], seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "silomap", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("name", "command"), OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_same_bytes_in_another_process(tmp_path, capsys, name, command):
    model = str(MODELS / "university")
    here, there = tmp_path / f"here-{name}", tmp_path / f"there-{name}"
    assert main([command[0], model, *command[1:], "-o", str(here)]) == 0
    _in_subprocess([command[0], model, *command[1:], "-o", str(there)], seed="12345")
    assert here.read_bytes() == there.read_bytes()


def test_same_json_in_another_process(capsys):
    assert main(["score", str(MODELS / "telecom"), "--json"]) == 0
    here = capsys.readouterr().out
    env = {**os.environ, "PYTHONHASHSEED": "777"}
    there = subprocess.run([sys.executable, "-m", "silomap", "score", str(MODELS / "telecom"), "--json"],
                           env=env, capture_output=True, text=True, timeout=120, check=True).stdout  # fmt: skip
    assert here == there
