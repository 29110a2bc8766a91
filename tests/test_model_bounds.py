"""Bounds of reading a model and writing an output (issue 24): FIFOs and devices refused before they
are opened, positions kept compactly, and an output never left half-written or orphaned by a kill."""

from __future__ import annotations

import contextlib
import copy
import gc
import importlib
import os
import pickle
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import silomap
from silomap._yaml import Document, read_document

from .conftest import run_silomap

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

# A guard against hanging (a FIFO opened with no writer never returns), not a speed test.
HANG = 60
load_module = importlib.import_module("silomap._model.load")
validate_module = importlib.import_module("silomap._model.validate")
PIPE_HINT = "to read a model from a pipe, give - and pipe it in (silomap validate - < model.yaml)"


def test_a_fifo_named_as_the_model_is_refused_before_it_is_opened(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    done = run_silomap("validate", "fifo.yaml", cwd=tmp_path, timeout=HANG)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"fifo.yaml:1:1: error[SM003]: not a regular file (a FIFO); {PIPE_HINT}",
        "fifo.yaml: 1 error",
    ]


def test_a_device_named_as_the_model_is_refused_before_it_is_read(tmp_path):
    # /dev/zero was read up to the size budget, a terminal would wait for input
    done = run_silomap("validate", "/dev/zero", cwd=tmp_path, timeout=HANG)
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
    done = run_silomap("validate", "m", cwd=tmp_path, timeout=HANG)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "m/link.yaml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m/model.yaml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m/more/pipe.yml:1:1: error[SM003]: not a regular file (a FIFO)",
        "m: 3 errors",
    ]


def test_a_fifo_given_as_changed_file_or_change_file_is_not_opened(tmp_path):
    from .conftest import MODELS

    model = tmp_path / "m"
    model.mkdir()
    os.mkfifo(model / "model.yaml")  # --changed reads it to find the model's folder
    (model / "systems.yaml").write_text("systems: []\n")
    done = run_silomap("validate", "--changed", "m/systems.yaml", cwd=tmp_path, timeout=HANG)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")  # no model there: nothing to check
    os.mkfifo(tmp_path / "changes.yaml")
    done = run_silomap("whatif", str(MODELS / "telecom"), "changes.yaml", cwd=tmp_path, timeout=HANG)
    assert done.returncode == 2
    assert f"changes.yaml:1:1: error[SM003]: not a regular file (a FIFO); {PIPE_HINT}" in done.stderr


def test_a_pipe_the_shell_opened_is_still_read(tmp_path):
    """``silomap validate <(git show HEAD:m.yaml)`` names a descriptor the shell opened: read as it comes."""
    read, write = os.pipe()
    os.write(write, b"silomap: 1\nname: piped\nentities: [{id: e}]\n")
    os.close(write)
    try:
        done = run_silomap("validate", f"/dev/fd/{read}", cwd=tmp_path, timeout=HANG, pass_fds=(read,))
    finally:
        os.close(read)
    assert (done.returncode, done.stdout) == (0, f"/dev/fd/{read}: valid (0 systems, 0 integrations, 0 teams, "
                                                 "0 questions, 0 journeys)\n")  # fmt: skip


def _kept(text: str) -> tuple[int, Document]:
    """The bytes a parsed document keeps (its data and positions), and the document."""
    tracemalloc.start()
    try:
        doc, problems = read_document("m.yaml", text.encode())
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems == [] and doc is not None
    return kept, doc


def test_a_long_list_keeps_a_few_bytes_an_item():
    # 200,000 references to 100 ids: each once took two tuples of position and a copy of its id
    # (208 bytes an item); now a list slot, 8 bytes of position and the id shared (17 bytes)
    text = "items: [" + ", ".join(f"e{i % 100}" for i in range(200_000)) + "]\n"
    kept, doc = _kept(text)
    assert kept / 200_000 < 40, f"{kept / 200_000:.0f} bytes an item"
    assert doc.locate(("items", 199_999)) == (1, text.rindex("e99") + 1)


def test_many_mappings_keep_their_positions_compactly():
    # 20,000 mappings of two keys: 1,297 bytes each with tuples of positions, 805 with packed ones
    text = "items:\n" + "".join(f"  - {{id: s{i}, holds: e}}\n" for i in range(20_000))
    kept, doc = _kept(text)
    assert kept / 20_000 < 1_000, f"{kept / 20_000:.0f} bytes a mapping"
    assert doc.locate(("items", 19_999, "holds")) == (20_001, 25)
    assert doc.locate(("items", 19_999, "holds"), key=True) == (20_001, 18)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("model", ["telecom", "invalid"])
def test_loading_leaves_the_cycle_collector_as_it_was(enabled, model, tmp_path):
    """The collector is paused while a model loads (each pass walks every object made so far), then
    set back as the caller had it: on, or off, after a valid model and after an invalid one."""
    from .conftest import MODELS

    path = MODELS / model
    if model == "invalid":
        path = tmp_path / "m.yaml"
        path.write_text("silomap: 1\nname: x\nsystems: [{id: a, owner: nobody}]\n")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    seen = []
    real = validate_module.known_valid
    try:
        with pytest.MonkeyPatch.context() as patch:  # looks at the collector once every file is read
            patch.setattr(load_module, "known_valid", lambda m: seen.append(gc.isenabled()) or real(m))
            with contextlib.suppress(silomap.ModelError):
                silomap.load(path)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == ([False] if model == "telecom" else [])


def test_x_fields_survive_copies_and_pickling():
    system = silomap.System.model_validate({"id": "crm", "x-cost-centre": 4711, "tags": ["sales"]})
    for copied in (
        system.model_copy(update={"name": "CRM"}),
        copy.deepcopy(system),
        pickle.loads(pickle.dumps(system)),
        silomap.System.model_validate(system.model_dump()),
    ):
        assert dict(copied.extensions) == {"x-cost-centre": 4711}
    assert dict(silomap.System(id="crm").extensions) == {}
    assert system != silomap.System(id="crm", tags=("sales",))  # the x- field tells them apart, as before


# --- an output is never half-written, nor left behind by a kill -------------------------------------

WRITER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from silomap._io import write_atomic\n"
    "data = b'x' * (64 << 20)\n"
    "while True:\n"
    "    write_atomic(Path(sys.argv[1]), data)\n"
)


def _writing_into(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` has a file of ``folder`` open (its output, being written)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(f"{folder}/"):
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_silomap_killed_while_writing_leaves_no_file_behind(tmp_path):
    """Killed (SIGKILL: nothing can clean up) while it writes a 64 MiB output over an earlier one: the
    folder holds the earlier output, whole, and nothing else (once: a ``.out.svg.*.tmp`` file)."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "out.svg"
    target.write_bytes(b"x" * (64 << 20))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    try:
        deadline = time.monotonic() + HANG
        while not _writing_into(writer.pid, out) and time.monotonic() < deadline:
            time.sleep(0.001)
        assert _writing_into(writer.pid, out), "the writer never wrote"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert [p.name for p in out.iterdir()] == ["out.svg"]
    assert target.stat().st_size == 64 << 20
