"""The ``silomap`` command: a thin shell over the library.

Exit codes: 0 ok; 1 a gate you set failed (``--fail-above``); 2 invalid
model or usage; 3 an outside tool or the disk failed; 4 a bug in silomap.
Exceptions become exit codes in one place, :func:`main`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__, schema
from ._analysis import analyze
from ._diagram import EXTENSIONS, diagram
from ._errors import GateFailed, ModelError, Problem, SilomapError, UsageError
from ._importers import IMPORTERS
from ._importing import write_model
from ._load import load_with_warnings
from ._output import check_target, write_atomic
from ._render import RENDERERS
from ._report import html_report, markdown_report
from ._schema import Model
from ._summary import summary
from ._text import safe_text
from ._yaml import Limits

__all__ = ["main"]

_EPILOG = """\
exit codes: 0 ok, 1 a gate failed (--fail-above), 2 invalid model or usage,
3 an outside tool or the disk failed, 4 a bug in silomap (rerun with --debug).
Error codes (SMnnn) are explained in docs/errors.md."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="silomap",
        description="Map a system landscape against customer journeys and measure the silos.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"silomap {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    v = sub.add_parser(
        "validate",
        help="check a model and report every problem at once",
        description="Check a model (a YAML file or a directory of them) against the format. "
        "Every problem is reported as file:line:col: error[SMnnn]: path: message. "
        "Exits 0 when the model is valid, 2 when not.",
        epilog=_EPILOG,
    )
    v.add_argument("model", help="a model file or directory")
    v.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="text (default), one JSON document on stdout, or GitHub Actions annotations "
        "(the default when GITHUB_ACTIONS=true)",
    )
    v.set_defaults(run=_validate)

    s = sub.add_parser(
        "score",
        help="measure a model and print the silo score with its evidence",
        description="Measure a model: systems per customer question, hand-offs, re-entered "
        "data, agent desktops, unsynced copies, and the silo score (0 joined up, 100 siloed). "
        "Prints a readable summary, or with --json the documented JSON contract.",
        epilog=_EPILOG,
    )
    s.add_argument("model", help="a model file or directory")
    s.add_argument("--json", action="store_true", help="print the JSON contract instead")
    s.add_argument(
        "--fail-above",
        type=float,
        metavar="N",
        help="exit 1 when the silo score is above N (for CI gates)",
    )
    s.add_argument("--top", type=int, default=5, metavar="N", help="rows per section (default 5)")
    s.set_defaults(run=_score)

    r = sub.add_parser(
        "render",
        help="draw a view: the landscape, a journey blueprint, or a question's fan-out",
        description="Draw one view of a model. The output file's extension picks the format: "
        ".svg .png .pdf, .dot/.gv (DOT source) or .mmd (Mermaid, landscape and journey). "
        "Uses Graphviz's dot when it is on PATH, else the embedded Graphviz (WebAssembly).",
        epilog=_EPILOG,
    )
    r.add_argument("model", help="a model file or directory")
    r.add_argument("--view", choices=("landscape", "journey", "question"), default="landscape")
    r.add_argument("--journey", metavar="ID", help="the journey to draw (with --view journey)")
    r.add_argument("--question", metavar="ID", help="the question to draw (with --view question)")
    r.add_argument("--group-by", choices=("owner", "kind"), default="owner", help="landscape groups")
    r.add_argument("--overlay", choices=("questions",), help="shade systems by questions needing them")
    r.add_argument(
        "--expand",
        action="store_true",
        default=None,
        help="show every system even in a landscape of 300 or more (they are grouped by default)",
    )
    _renderer_option(r)
    r.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the diagram")
    r.set_defaults(run=_render)

    p_report = sub.add_parser(
        "report",
        help="write the CIO report: one self-contained HTML page, or Markdown for a pull request",
        description="Write the silo report: the score and what drives it, the worst journeys with "
        "their blueprints, the questions needing most systems, agent desktops, unsynced data and the "
        "landscape. HTML opens offline in any browser; --format md gives a short Markdown report "
        "with a Mermaid diagram, for pull-request comments.",
        epilog=_EPILOG,
    )
    p_report.add_argument("model", help="a model file or directory")
    p_report.add_argument("--format", choices=("html", "md"), default=None,
                          help="html (default, or from the .md extension) or md")  # fmt: skip
    _renderer_option(p_report)
    p_report.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the report")
    p_report.set_defaults(run=_report_command)

    imp = sub.add_parser(
        "import",
        help="start from ArchiMate, Structurizr or BPMN: write a silomap model directory",
        description="Import a landscape from ArchiMate (Open Group exchange .xml or Archi's .archimate), "
        "a Structurizr workspace (.json) or BPMN (.bpmn). Writes a model directory (one YAML file per "
        "kind) and import-report.md saying what was mapped, dropped and assumed; the model validates.",
        epilog=_EPILOG,
    )
    imp.add_argument("source", choices=("archimate", "structurizr", "bpmn"), help="the file's format")
    imp.add_argument("file", help="the file to import")
    imp.add_argument("-o", "--output", required=True, metavar="DIR", help="the model directory to write")
    imp.add_argument("--force", action="store_true", help="write into a non-empty directory")
    imp.set_defaults(run=_import)

    c = sub.add_parser(
        "schema",
        help="print the JSON Schema of the model format (for editors)",
        description="Print the JSON Schema generated from silomap's own models, for editor "
        "completion and checks: silomap schema > silomap.schema.json",
    )
    c.add_argument(
        "--part",
        action="store_true",
        help="the schema of one file of a directory model (every key optional)",
    )
    c.set_defaults(run=_schema)
    return p


def _renderer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--renderer",
        choices=RENDERERS,
        default="auto",
        help="Graphviz to use: auto (dot on PATH, else embedded), system or embedded (WebAssembly)",
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problem: Problem) -> str:
    level = "error" if problem.severity == "error" else "warning"
    where = f"{problem.path}: " if problem.path else ""
    props = (
        f"file={_escape_property(problem.file)},line={problem.line},col={problem.col},title={problem.code}"
    )
    return f"::{level} {props}::{_escape_data(safe_text(where + problem.message))}"


def _report(problems: Sequence[Problem], limits: Limits, out: TextIO, fmt: str = "text") -> None:
    shown = list(problems)[: limits.errors_shown]
    for problem in shown:
        line = _github(problem) if fmt == "github" else safe_text(str(problem))
        print(line, file=out)
    more = len(problems) - len(shown)
    if more > 0:
        print(f"… and {more:,} more problems", file=out)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _validate(args: argparse.Namespace, limits: Limits) -> int:
    fmt = _format(args)
    try:
        model, warnings = load_with_warnings(args.model, limits)
    except ModelError as err:
        if fmt == "json":
            print(json.dumps(_as_json("fail", err.errors, err.warnings), indent=2))
        else:
            _report(err.problems, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
            print(f"{safe_text(args.model)}: {len(err.errors)} error(s)", file=sys.stderr)
        return err.exit_code
    if fmt == "json":
        print(json.dumps(_as_json("ok", [], warnings), indent=2))
        return 0
    _report(warnings, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
    counts = (
        f"{len(model.systems)} systems, {len(model.integrations)} integrations, "
        f"{len(model.teams)} teams, {len(model.questions)} questions, {len(model.journeys)} journeys"
    )
    print(f"{safe_text(args.model)}: valid ({counts})")
    return 0


def _load_model(path: str, limits: Limits) -> Model:
    """Load a model for a command that goes on to use it; its warnings go to stderr."""
    model, warnings = load_with_warnings(path, limits)
    _report(warnings, limits, sys.stderr)
    return model


def _as_json(status: str, errors: list[Problem], warnings: list[Problem]) -> dict[str, object]:
    def row(p: Problem) -> dict[str, object]:
        return {
            "file": p.file,
            "line": p.line,
            "col": p.col,
            "code": p.code,
            "path": p.path,
            "message": p.message,
        }

    return {
        "status": status,
        "errors": [row(p) for p in errors],
        "warnings": [row(p) for p in warnings],
    }


def _score(args: argparse.Namespace, limits: Limits) -> int:
    if args.top < 1:
        raise UsageError("silomap score: --top must be at least 1")
    model = _load_model(args.model, limits)
    result = analyze(model)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(summary(result, top=args.top), end="")
    if args.fail_above is not None and result.score is not None and result.score > args.fail_above:
        raise GateFailed(f"silo score {result.score:.1f} is above {args.fail_above:g}")
    return 0


def _render(args: argparse.Namespace, limits: Limits) -> int:
    target = Path(args.output)
    if target.suffix.lower() not in EXTENSIONS:
        raise UsageError(f"silomap render: unknown output extension {target.suffix!r}; use one of "
                         f"{', '.join(EXTENSIONS)}")  # fmt: skip
    check_target(target, Path(args.model))
    model = _load_model(args.model, limits)
    picture = diagram(
        model,
        args.view,
        journey=args.journey,
        question=args.question,
        group_by=args.group_by,
        overlay=args.overlay,
        expand=args.expand,
        renderer=args.renderer,
    )
    picture.save(target)
    print(f"wrote {safe_text(str(target))}")
    return 0


def _report_command(args: argparse.Namespace, limits: Limits) -> int:
    target = Path(args.output)
    fmt = args.format or ("md" if target.suffix.lower() in (".md", ".markdown") else "html")
    check_target(target, Path(args.model))
    model = _load_model(args.model, limits)
    result = analyze(model)
    text = markdown_report(model, result) if fmt == "md" else html_report(model, result, args.renderer)
    write_atomic(target, text.encode("utf-8"))
    print(f"wrote {safe_text(str(target))}")
    return 0


def _import(args: argparse.Namespace, limits: Limits) -> int:
    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ModelError([Problem(source.name, 1, 1, "SM003", f"cannot read: {exc.strerror}")]) from None
    builder = IMPORTERS[args.source](source, data)
    files = builder.files()
    with tempfile.TemporaryDirectory() as scratch:  # the result must validate before it is written
        write_model(files, Path(scratch) / "model", force=False)
        model = load_with_warnings(Path(scratch) / "model", limits)[0]
    write_model(files, Path(args.output), args.force)
    counts = (
        f"{len(model.systems)} systems, {len(model.integrations)} integrations, "
        f"{len(model.teams)} teams, {len(model.journeys)} journeys"
    )
    print(f"wrote {safe_text(args.output)}: {counts}; see import-report.md")
    return 0


def _schema(args: argparse.Namespace, limits: Limits) -> int:
    print(json.dumps(schema(part=args.part), indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly).

    >>> main(["validate", "models/telecom"])
    models/telecom: valid (19 systems, 21 integrations, 8 teams, 8 questions, 5 journeys)
    0
    """
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    limits = Limits()
    try:
        args = _parser().parse_args(argv)
        if not getattr(args, "run", None):
            _parser().print_help()
            return 2
        return int(args.run(args, limits))
    except ModelError as err:
        _report(err.problems, limits, sys.stderr)
        print(f"{len(err.errors)} error(s) in the model; nothing was computed", file=sys.stderr)
        return err.exit_code
    except SilomapError as err:
        print(safe_text(str(err)), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head); not an error
        return 0
    except Exception as exc:
        if debug:
            raise
        print(
            f"silomap: internal error ({type(exc).__name__}); this is a bug in silomap. "
            "Rerun with --debug and report it with the traceback.",
            file=sys.stderr,
        )
        return 4


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
