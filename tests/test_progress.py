"""Progress on long work (docs/python.md, "Progress"): a bar on standard error when it is a terminal,
nothing when it is a pipe or with ``--quiet``, and never a byte of it on standard output, where the
JSON goes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest

import silomap
from silomap import _progress

from .conftest import MODELS, run_on_a_terminal

# the bar appears at once (not after a second), so that even the small bank's search draws it
AT_ONCE = textwrap.dedent("""
    import sys
    from silomap import _progress
    _progress.AFTER = 0.0
    from silomap._cli import main
    sys.exit(main(sys.argv[1:]))
""")
FIXES = ["fixes", str(MODELS / "retail-bank"), "--top", "2", "--roadmap", "1", "--json"]


def test_the_fixes_bar_is_drawn_on_a_terminal_and_the_json_stays_whole():
    code, out, shown = run_on_a_terminal(AT_ONCE, FIXES)
    assert code == 0
    expected = silomap.fixes(silomap.load(MODELS / "retail-bank"), top=2, roadmap=1).to_dict()
    assert json.loads(out) == expected  # stdout is the JSON alone
    assert b"fixes" in shown and b"%" in shown and b"\xe2\x94\x81" in shown  # rich's bar: '━'
    assert shown.endswith(b"\x1b[2K")  # cleared at the end: the terminal's line erased


def test_nothing_on_a_pipe_and_nothing_with_quiet():
    piped = subprocess.run([sys.executable, "-c", AT_ONCE, *FIXES], capture_output=True, check=False)
    assert (piped.returncode, piped.stderr) == (0, b"")
    code, out, shown = run_on_a_terminal(AT_ONCE, [*FIXES, "--quiet"])
    assert (code, shown) == (0, b"") and out == piped.stdout


def test_history_draws_its_bar_by_commit():
    code, out, shown = run_on_a_terminal(
        AT_ONCE, ["history", str(MODELS / "retail-bank"), "--max", "2", "--json"]
    )
    assert code == 0 and len(json.loads(out)) <= 2
    assert b"history" in shown and b"%" in shown


@pytest.mark.parametrize("command", ["observe", "draft", "fixes", "history", "report"])
def test_each_long_command_takes_quiet(command, capsys):
    from silomap._cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "-q, --quiet" in capsys.readouterr().out


def test_the_bar_waits_and_clears(monkeypatch):
    """Drawn on a forced terminal: nothing before AFTER seconds; once drawn, cleared at the end."""
    from rich.console import Console

    out = io.StringIO()
    monkeypatch.setattr("rich.console.Console", lambda **_: Console(file=out, force_terminal=True, width=60))
    monkeypatch.setattr(_progress, "AFTER", 3600.0)
    with _progress.bar("quick", 2, progress=True) as tick:
        tick(1)
    assert out.getvalue() == ""  # over before AFTER: nothing drawn
    monkeypatch.setattr(_progress, "AFTER", 0.0)
    with _progress.bar("slow", 4, progress=True) as tick:
        tick(1)
    drawn = out.getvalue()
    assert "slow" in drawn and "25%" in drawn  # 1 of 4
    assert drawn.endswith("\x1b[2K") or "\x1b[2K" in drawn.splitlines()[-1]  # the line erased at the end


def test_progress_is_asked_for_as_true_false_or_none():
    with pytest.raises(silomap.UsageError) as caught:
        silomap.fixes(silomap.load(MODELS / "university"), progress="yes")
    assert caught.value.param == "progress"
    assert _progress.shown(None) is False  # pytest captures standard error: no terminal, no notebook
