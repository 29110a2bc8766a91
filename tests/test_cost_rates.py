"""The rates file (cost.md): every mistake located at once, exit 2; defaults filled; a rates file
kept in a model folder is skipped, and silomap's other readers name it."""

from __future__ import annotations

import shutil
from fractions import Fraction as F
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "models" / "retail-bank"

BAD = """\
silomap-rates: 2
currency: EURO
agent_hour: "42.5"
customer_minute: -1
minutes:
  handof: 3
  reentry: .inf
  extra_system: true
  channel_switch: 2000
"""


def _run(tmp_path: Path, capsys, text: str) -> tuple[int, list[str]]:
    (tmp_path / "rates.yaml").write_text(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        code = main(["cost", str(BANK), "rates.yaml"])
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing half-written
    return code, captured.err.splitlines()


def test_every_mistake_at_once_located(tmp_path, capsys):
    code, err = _run(tmp_path, capsys, BAD)
    assert code == 2
    assert err == [
        "rates.yaml:1:16: error[SM025]: silomap-rates: unsupported rates file version 2; this silomap reads version 1",
        "rates.yaml:2:11: error[SM022]: currency: 'EURO' is not an ISO 4217 currency code; did you mean 'EUR'? "
        "(a code has three letters)",
        "rates.yaml:3:13: error[SM022]: agent_hour: expected a number, got a string ('42.5')",
        "rates.yaml:4:18: error[SM022]: customer_minute: must be at least 0; got -1",
        "rates.yaml:6:3: error[SM020]: minutes.handof: unknown field 'handof' in minutes; did you mean 'handoff'?",
        "rates.yaml:7:12: error[SM022]: minutes.reentry: expected a finite number, got a number (inf)",
        "rates.yaml:8:17: error[SM022]: minutes.extra_system: expected a number, got a boolean",
        "rates.yaml:9:19: error[SM022]: minutes.channel_switch: must be at most 1,440; got 2000",
        "8 errors; nothing was computed",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "silomap-rates: 1\n",
            [
                "rates.yaml:1:1: error[SM021]: missing required field 'agent_hour'",
                "rates.yaml:1:1: error[SM021]: missing required field 'currency'",
            ],
        ),
        (
            "currency: eur\nagent_hour: 0\ncustomer_minute: 20000\n",
            [
                "rates.yaml:1:1: error[SM021]: missing required field 'silomap-rates'",
                "rates.yaml:1:11: error[SM022]: currency: 'eur' is not an ISO 4217 currency code; did you mean "
                "'EUR'? (codes are upper case)",
                "rates.yaml:2:13: error[SM022]: agent_hour: must be greater than 0; got 0",
                "rates.yaml:3:18: error[SM022]: customer_minute: must be at most 10,000; got 20000",
            ],
        ),
        (
            "silomap-rates: 1\ncurrency: XYZ\nagent_hour: 1.0e7\nagent_hours: 1\n",
            [
                "rates.yaml:2:11: error[SM022]: currency: 'XYZ' is not an ISO 4217 currency code; use an active "
                "code such as EUR, USD, GBP, CHF",
                "rates.yaml:3:13: error[SM022]: agent_hour: must be at most 1,000,000; got 10000000.0",
                "rates.yaml:4:1: error[SM020]: agent_hours: unknown field 'agent_hours'; did you mean 'agent_hour'?",
            ],
        ),
        (
            "silomap-rates: true\ncurrency: 978\nagent_hour: .nan\n",
            [
                "rates.yaml:1:16: error[SM022]: silomap-rates: expected a whole number, got a boolean",
                "rates.yaml:2:11: error[SM022]: currency: expected a string, got a number: unquoted `978` was read "
                "as a number (978); put it in quotes",
                "rates.yaml:3:13: error[SM022]: agent_hour: expected a finite number, got a number (nan)",
            ],
        ),
        (
            "silomap-changes: 1\nchanges: []\n",
            [
                "rates.yaml:1:1: error[SM016]: this is a change file, not a rates file: a rates file starts with "
                "silomap-rates: 1"
            ],
        ),
    ],
)
def test_each_mistake_is_located(tmp_path, capsys, text, expected):
    code, err = _run(tmp_path, capsys, text)
    assert code == 2
    assert err[:-1] == expected
    assert err[-1] == f"{len(expected)} error{'s' if len(expected) > 1 else ''}; nothing was computed"


def test_defaults_are_filled():
    rates = silomap.load_rates(ROOT / "examples" / "rates.yaml")
    assert (rates.handoff, rates.reentry, rates.extra_system, rates.channel_switch) == (3, 1, F(1, 2), 5)
    assert (rates.agent_hour, rates.customer_minute) == (F(85, 2), 0)


def test_partial_minutes_keep_the_other_defaults(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("silomap-rates: 1\ncurrency: JPY\nagent_hour: 6000\nminutes: {reentry: 0.1}\n")
    rates = silomap.load_rates(path)
    assert (rates.handoff, rates.reentry, rates.extra_system) == (3, F(1, 10), F(1, 2))  # 0.1 as written
    assert rates.to_dict()["minutes"] == {
        "handoff": 3,
        "reentry": 0.1,
        "extra_system": 0.5,
        "channel_switch": 5,
    }


def test_a_rates_file_in_a_model_folder_is_skipped(tmp_path, capsys):
    folder = tmp_path / "bank"
    shutil.copytree(BANK, folder)
    shutil.copy(ROOT / "examples" / "rates.yaml", folder / "rates.yaml")
    assert main(["validate", str(folder)]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["cost", str(folder), str(folder / "rates.yaml")]) == 0
    assert capsys.readouterr().out.startswith("Silos cost about €29,661 a month")


def test_a_rates_file_given_as_a_model_or_a_change_file_is_named(capsys):
    rates = str(ROOT / "examples" / "rates.yaml")
    assert main(["validate", rates]) == 2
    assert "this is a rates file, not a model: use silomap cost MODEL THIS-FILE" in capsys.readouterr().err
    assert main(["whatif", str(BANK), rates]) == 2
    assert "this is a rates file, not a change file" in capsys.readouterr().err
