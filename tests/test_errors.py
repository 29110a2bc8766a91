"""One case per rule that makes a model invalid, with the exact place and message."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

import silomap

BASE = """\
silomap: 1
name: Base
teams:
  - id: agents
entities:
  - id: address
systems:
  - id: crm
    holds: [address]
  - id: erp
integrations:
  - from: crm
    to: erp
    carries: [address]
questions:
  - id: q1
    needs: [address]
journeys:
  - id: j1
    stage: sales
    steps:
      - id: s1
        actor: agents
        channel: phone
        systems: [crm]
        answers: [q1]
"""


def errors_of(write, text: str, name: str = "model.yaml") -> list[str]:
    """The errors of a model loaded as ``name`` from the folder it is in (so named ``name``)."""
    folder = write(text, name).parents[len(Path(name).parts) - 1]
    with pytest.raises(silomap.ModelError) as info, contextlib.chdir(folder):
        silomap.load(name)
    return [str(p) for p in info.value.errors]


def test_base_is_valid(write):
    assert silomap.load(write(BASE)).name == "Base"


CASES = [
    # (id, replace this, with this, expected error line)
    (
        "unknown-system",
        "    to: erp\n",
        "    to: erp2\n",
        "model.yaml:13:9: error[SM031]: integrations[0].to: unknown system 'erp2'; did you mean 'erp'?",
    ),
    (
        "unknown-entity",
        "    holds: [address]",
        "    holds: [adress]",
        (
            "model.yaml:9:13: error[SM031]: systems[0].holds[0]: unknown entity 'adress'; did you mean 'address'?",
            # true as well: with the typo, no system holds the address any more
            "model.yaml:17:13: error[SM034]: questions[0].needs[0]: entity 'address' is held by no system, so "
            "question 'q1' can never be answered; add it to a system's holds",
        ),
    ),
    (
        "unknown-team-owner",
        "  - id: erp\n",
        "  - id: erp\n    owner: agent\n",
        "model.yaml:11:12: error[SM031]: systems[1].owner: unknown team 'agent'; did you mean 'agents'?",
    ),
    (
        "unknown-actor",
        "        actor: agents",
        "        actor: custmer",
        "model.yaml:23:16: error[SM031]: journeys[0].steps[0].actor: unknown actor 'custmer': "
        "expected 'customer' or a team id; did you mean 'customer'?",
    ),
    (
        "unknown-question",
        "        answers: [q1]",
        "        answers: [q2]",
        "model.yaml:26:19: error[SM031]: journeys[0].steps[0].answers[0]: unknown question 'q2'",
    ),
    (
        "duplicate-id",
        "  - id: erp\n",
        "  - id: erp\n  - id: crm\n",
        "model.yaml:11:9: error[SM030]: systems[2].id: duplicate system id 'crm' (also defined at model.yaml:8:9)",
    ),
    (
        "duplicate-step-id",
        "        answers: [q1]\n",
        "        answers: [q1]\n      - id: s1\n        actor: customer\n        channel: web\n",
        "model.yaml:27:13: error[SM030]: journeys[0].steps[1].id: duplicate step id 's1' in journey 'j1' "
        "(also at model.yaml:22:13)",
    ),
    (
        "unknown-key",
        "  - id: erp\n",
        "  - id: erp\n    sytems: [a]\n",
        "model.yaml:11:5: error[SM020]: systems[1].sytems: unknown field 'sytems' in systems[1]; "
        "expected one of: id, name, kind, external, owner, holds, channels, lifecycle, description, source_id, tags "
        "or a key starting with x-",
    ),
    (
        "extension-key-with-underscore",
        "  - id: erp\n",
        "  - id: erp\n    x_cost: 3\n",
        "model.yaml:11:5: error[SM020]: systems[1].x_cost: unknown field 'x_cost' in systems[1]; "
        "expected one of: id, name, kind, external, owner, holds, channels, lifecycle, description, source_id, tags "
        "or a key starting with x- (extension keys start with lower-case 'x-': 'x-cost')",
    ),
    (
        "unknown-key-typo",
        "  - id: erp\n",
        "  - id: erp\n    ownr: agents\n",
        "model.yaml:11:5: error[SM020]: systems[1].ownr: unknown field 'ownr' in systems[1]; did you mean 'owner'?",
    ),
    (
        "wrong-type",
        "    holds: [address]",
        "    holds: address",
        "model.yaml:9:12: error[SM022]: systems[0].holds: expected a list, got a string ('address')",
    ),
    (
        "missing-field",
        "        channel: phone\n",
        "",
        "model.yaml:22:9: error[SM021]: journeys[0].steps[0]: missing required field 'channel'",
    ),
    (
        "bad-enum",
        "        channel: phone",
        "        channel: phon",
        "model.yaml:24:18: error[SM022]: journeys[0].steps[0].channel: expected one of web, mobile, ios, android, "
        "phone, ivr, chat, email, branch, social, mail, field, internal; got 'phon'; did you mean 'phone'?",
    ),
    (
        "self-integration",
        "    to: erp\n",
        "    to: crm\n",
        "model.yaml:13:9: error[SM033]: integrations[0].to: an integration from system 'crm' to itself",
    ),
    (
        "carries-nothing",
        "    carries: [address]",
        "    carries: []",
        "model.yaml:14:14: error[SM033]: integrations[0].carries: an integration must carry at least one entity",
    ),
    (
        "never-answerable",
        "    holds: [address]\n",
        "",
        "model.yaml:16:13: error[SM034]: questions[0].needs[0]: entity 'address' is held by no system, "
        "so question 'q1' can never be answered; add it to a system's holds",
    ),
    (
        "empty-journey",
        "    steps:\n      - id: s1\n        actor: agents\n        channel: phone\n        systems: [crm]\n"
        "        answers: [q1]\n",
        "    steps: []\n",
        "model.yaml:21:12: error[SM036]: journeys[0].steps: a journey needs at least one step",
    ),
    (
        "bad-id",
        "  - id: erp\n",
        "  - id: erp\n  - id: CRM System\n",
        "model.yaml:11:9: error[SM023]: systems[2].id: 'CRM System' is not a valid id: use lower-case letters "
        "a-z, digits, '.', '_' or '-', starting with a letter or digit (pattern ^[a-z0-9][a-z0-9._-]*$)",
    ),
    (
        "version",
        "silomap: 1\n",
        "silomap: 2\n",
        "model.yaml:1:10: error[SM025]: silomap: unsupported format version 2; this silomap reads version 1",
    ),
    (
        "listed-twice",
        "        systems: [crm]",
        "        systems: [crm, crm]",
        "model.yaml:25:24: error[SM035]: journeys[0].steps[0].systems[1]: 'crm' listed twice (first at [0])",
    ),
    (
        "reserved-customer",
        "  - id: agents\n",
        "  - id: agents\n  - id: customer\n",
        "model.yaml:5:9: error[SM038]: teams[1].id: 'customer' is reserved for the customer as a step's actor; "
        "choose another team id",
    ),
    (
        "number-in-text",
        "name: Base",
        "name: 1.10",
        "model.yaml:2:7: error[SM022]: name: expected a string, got a number: unquoted `1.10` was read as "
        "a number (1.1); put it in quotes",
    ),
    (
        "volume-not-positive",
        "    needs: [address]",
        "    needs: [address]\n    volume: 0",
        "model.yaml:18:13: error[SM022]: questions[0].volume: must be greater than 0; got 0",
    ),
    (
        "kpi-out-of-range",
        "    stage: sales\n",
        "    stage: sales\n    kpis: {nps: 120}\n",
        "model.yaml:21:17: error[SM022]: journeys[0].kpis.nps: nps value must be between -100 and 100; got 120",
    ),
    (
        "kpi-target-out-of-range",
        "    stage: sales\n",
        "    stage: sales\n    kpis: {ces: {value: 5, target: 8}}\n",
        "model.yaml:21:17: error[SM022]: journeys[0].kpis.ces: ces target must be between 1 and 7; got 8",
    ),
    (
        "kpi-not-a-number",
        "    needs: [address]",
        "    needs: [address]\n    kpis: {csat: '71'}",
        "model.yaml:18:18: error[SM022]: questions[0].kpis.csat: expected a number, or a mapping with value and target",
    ),
    (
        "kpi-unknown",
        "    stage: sales\n",
        "    stage: sales\n    kpis: {nsp: 5}\n",
        "model.yaml:21:12: error[SM020]: journeys[0].kpis.nsp: unknown field 'nsp' in journeys[0].kpis; did you mean 'nps'?",
    ),
    (
        "kpi-bad-date",
        "    stage: sales\n",
        "    stage: sales\n    kpis: {nps: 5, measured: 2026-02-30}\n",
        "model.yaml:21:30: error[SM022]: journeys[0].kpis.measured: expected a date (YYYY-MM-DD); got '2026-02-30'",
    ),
    (
        "lifecycle-typo",
        "  - id: erp\n",
        "  - id: erp\n    lifecycle: retird\n",
        "model.yaml:11:16: error[SM022]: systems[1].lifecycle: expected one of planned, active, phasing-out, "
        "retired; got 'retird'; did you mean 'retired'?",
    ),
    (
        "tags-are-ids",
        "  - id: agents\n",
        "  - id: agents\n    tags: [Front Office]\n",
        "model.yaml:5:12: error[SM023]: teams[0].tags[0]: 'Front Office' is not a valid id: use lower-case "
        "letters a-z, digits, '.', '_' or '-', starting with a letter or digit (pattern ^[a-z0-9][a-z0-9._-]*$)",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(write, old, new, expected):
    """The whole list of errors: one too many fails as surely as one too few."""
    assert old in BASE
    wanted = [expected] if isinstance(expected, str) else list(expected)
    assert errors_of(write, BASE.replace(old, new, 1)) == wanted


def test_every_error_is_reported_at_once(write):
    text = BASE.replace("    to: erp\n", "    to: erp2\n").replace(
        "  - id: erp\n", "  - id: erp\n    ownr: x\n"
    )
    text = text.replace("        channel: phone", "        channel: fone")
    found = errors_of(write, text)
    assert [e.split("error[")[1][:5] for e in found] == ["SM020", "SM031", "SM022"]


def test_norway_values_stay_strings(write):
    text = BASE.replace("  - id: agents\n", "  - id: agents\n    name: NO\n  - id: yes\n    name: on\n")
    model = silomap.load(write(text))
    assert [(t.id, t.name) for t in model.teams] == [("agents", "NO"), ("yes", "on")]


def test_leading_zero_id_gets_a_quote_hint(write):
    found = errors_of(write, BASE.replace("  - id: erp\n", "  - id: 0123\n"))
    assert any("unquoted `0123` was read as a number (123); put it in quotes" in e for e in found)


def test_directory_errors_name_their_file_and_cross_reference(write, tmp_path, monkeypatch):
    write("silomap: 1\nname: D\nsystems:\n  - id: crm\n", "m/a.yaml")
    write("systems:\n  - id: crm\nintegrations:\n  - {from: crm, to: erp, carries: [x]}\n", "m/sub/b.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(silomap.ModelError) as info:
        silomap.load("m")
    found = [str(p) for p in info.value.errors]
    assert (
        "m/sub/b.yaml:2:9: error[SM030]: systems[0].id: duplicate system id 'crm' (also defined at m/a.yaml:4:9)"
        in found
    )
    assert any(
        e.startswith("m/sub/b.yaml:4:21: error[SM031]: integrations[0].to: unknown system 'erp'")
        for e in found
    )


def test_directory_files_must_agree_on_name(write, tmp_path):
    write("silomap: 1\nname: One\n", "m/a.yaml")
    write("name: Two\n", "m/b.yaml")
    with pytest.raises(silomap.ModelError) as info:
        silomap.load(tmp_path / "m")
    assert [p.code for p in info.value.errors] == ["SM037"]


def test_directory_needs_name_somewhere(write, tmp_path):
    write("silomap: 1\nsystems: [{id: a}]\n", "m/a.yaml")
    write("systems: [{id: b}]\n", "m/b.yaml")
    with pytest.raises(silomap.ModelError) as info:
        silomap.load(tmp_path / "m")
    assert "missing required field 'name' in one of the model's files" in str(info.value.errors[0])


@pytest.mark.parametrize(
    ("lifecycle", "expected"),
    [
        ("retired", "model.yaml:26:19: warning[SM092]: journeys[0].steps[0].systems[0]: step 's1' uses system "
                    "'crm', which is retired; the journey still depends on it: move the step to its replacement"),
        ("planned", "model.yaml:26:19: warning[SM093]: journeys[0].steps[0].systems[0]: step 's1' uses system "
                    "'crm', which is only planned; an as-is journey cannot use it yet (model the to-be as a change)"),
        ("phasing-out", None),
    ],
)  # fmt: skip
def test_a_step_on_a_retired_or_planned_system_is_a_located_warning(
    write, capsys, monkeypatch, tmp_path, lifecycle, expected
):
    from silomap._cli import main

    write(BASE.replace("    holds: [address]", f"    holds: [address]\n    lifecycle: {lifecycle}"))
    monkeypatch.chdir(tmp_path)
    path = "model.yaml"
    model, warnings = silomap._model.load_with_warnings(path)
    assert [str(w) for w in warnings] == ([expected] if expected else [])
    assert main(["validate", path, "--format", "json"]) == 0  # a warning is no error
    out = json.loads(capsys.readouterr().out)
    assert [w["code"] for w in out["warnings"]] == ([expected.split("[")[1][:5]] if expected else [])
    assert main(["validate", path, "--format", "github"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::warning")]
    assert len(lines) == (1 if expected else 0)


def test_a_missing_volume_is_a_warning_that_names_it(write):
    text = BASE.replace("    stage: sales\n", "    stage: sales\n    volume: 100\n") + (
        "  - id: j2\n    stage: sales\n    steps: [{id: t1, actor: customer, channel: web}]\n"
    )
    path = write(text)
    model, warnings = silomap._model.load_with_warnings(path)
    assert [str(w) for w in warnings] == [
        f"{path}:28:9: warning[SM091]: journeys[1].id: journey 'j2' has no volume while 1 other journey "
        "has one, so volumes are ignored and every journey counts the same; give each a volume"
    ]
    assert len(model.journeys) == 2
