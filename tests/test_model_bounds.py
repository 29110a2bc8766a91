"""Bounds of reading a model (issue 24): FIFOs and devices refused before they are opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

# A guard against hanging (a FIFO opened with no writer never returns), not a speed test.
HANG = 60
PIPE_HINT = "to read a model from a pipe, give - and pipe it in (silomap validate - < model.yaml)"


def silomap(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """silomap in a child process, so that a regression that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "silomap", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=HANG, check=False, **kwargs)  # type: ignore[call-overload]  # fmt: skip


def test_a_fifo_named_as_the_model_is_refused_before_it_is_opened(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    done = silomap("validate", "fifo.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"fifo.yaml:1:1: error[SM003]: not a regular file (a FIFO); {PIPE_HINT}",
        "fifo.yaml: 1 error(s)",
    ]


def test_a_device_named_as_the_model_is_refused_before_it_is_read(tmp_path):
    # /dev/zero was read up to the size budget, a terminal would wait for input
    done = silomap("validate", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[0]
        == f"/dev/zero:1:1: error[SM003]: not a regular file (a device); {PIPE_HINT}"
    )


def test_fifos_inside_a_directory_model_are_each_refused(tmp_path):
    model = tmp_path / "m"
    (model / "more").mkdir(parents=True)
    (model / "a.yaml").write_text("silomap: 1\nname: x\n")
    os.mkfifo(model / "model.yaml")
    os.mkfifo(model / "more" / "pipe.yml")
    (model / "link.yaml").symlink_to(model / "more" / "pipe.yml")  # inside the root: followed, then refused
    done = silomap("validate", "m", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "m/link.yaml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m/model.yaml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m/more/pipe.yml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m: 3 error(s)",
    ]


def test_a_fifo_given_as_changed_file_or_change_file_is_not_opened(tmp_path):
    from .conftest import MODELS

    model = tmp_path / "m"
    model.mkdir()
    os.mkfifo(model / "model.yaml")  # --changed reads it to find the model's folder
    (model / "systems.yaml").write_text("systems: []\n")
    done = silomap("validate", "--changed", "m/systems.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")  # no model there: nothing to check
    os.mkfifo(tmp_path / "changes.yaml")
    done = silomap("whatif", str(MODELS / "telecom"), "changes.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert f"changes.yaml:1:1: error[SM003]: not a regular file (a FIFO); {PIPE_HINT}" in done.stderr


def test_a_pipe_the_shell_opened_is_still_read(tmp_path):
    """``silomap validate <(git show HEAD:m.yaml)`` names a descriptor the shell opened: read as it comes."""
    read, write = os.pipe()
    os.write(write, b"silomap: 1\nname: piped\nentities: [{id: e}]\n")
    os.close(write)
    try:
        done = silomap("validate", f"/dev/fd/{read}", cwd=tmp_path, pass_fds=(read,))
    finally:
        os.close(read)
    assert (done.returncode, done.stdout) == (0, f"/dev/fd/{read}: valid (0 systems, 0 integrations, 0 teams, "
                                                 "0 questions, 0 journeys)\n")  # fmt: skip
