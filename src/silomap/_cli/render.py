"""``silomap render``: draw one view of a model to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._config import Limits
from .._diagrams import EXTENSIONS, GROUP_BY, OVERLAYS, PAGES, RENDERERS, VIEWS, diagram, output_format
from .._errors import UsageError
from .._io import check_target, write_directory
from .._observed import Observed, observe
from .._text import plural, safe_text
from .command import Command, table_option
from .output import load_model

__all__ = ["COMMAND", "renderer_option"]


def renderer_option(parser: argparse.ArgumentParser) -> None:
    """The ``--renderer`` option, shared by the commands that draw."""
    parser.add_argument(
        "--renderer",
        choices=RENDERERS,
        default="auto",
        help="Graphviz to use: auto (dot on PATH, else embedded), system or embedded (WebAssembly)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    default = " (default: the view of the --journey or --question given, else landscape)"
    table_option(parser, "--view", VIEWS, lambda view: view.help, after=default)
    for subject in dict.fromkeys(v.subject for v in VIEWS.values() if v.subject):
        parser.add_argument(
            f"--{subject}", metavar="ID", help=f"the {subject} to draw (with --view {subject})"
        )
    parser.add_argument(
        "--group-by",
        choices=GROUP_BY,
        default="auto",
        help="landscape groups: owner teams, kinds, domains (a domain- tag), clusters of the integrations, "
        "none; auto (default): owner teams when systems name them, else clusters past 40 systems",
    )
    parser.add_argument(
        "--page",
        choices=PAGES,
        help="the page the landscape must fit with text of 6 pt or more (landscape: a3, a4, 16:9 slide); "
        "one that cannot is split into an overview and one drawing per group (the overview, when too "
        "big for the page, into areas of groups, each drawn)",
    )
    parser.add_argument("--overlay", choices=OVERLAYS, help="shade systems by questions needing them")
    parser.add_argument(
        "--expand",
        action="store_true",
        default=None,
        help="show every system even in a big landscape (past 40 systems, or from 400 boxes and lines "
        "together, the landscape is an overview of its groups and one drawing per group by default)",
    )
    parser.add_argument(
        "--observed",
        metavar="MAPPING",
        help="a journey view: label each hand-off with the share of an event log's cases that made it",
    )
    renderer_option(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the diagram; a directory (no extension, or ending in /): the landscape's "
        "overview, each area's drawing (when the overview draws areas of groups) and one SVG per group",
    )


def _view(args: argparse.Namespace) -> str:
    """The view asked for, or the one the options given imply; a contradiction is refused."""
    subjects: dict[str, str] = {}  # each subject's first view: --journey alone draws the blueprint
    for name, v in VIEWS.items():
        if v.subject:
            subjects.setdefault(v.subject, name)
    given = [s for s in subjects if getattr(args, s, None) is not None]
    if args.view is None:
        if len(given) > 1:
            raise UsageError(
                f"silomap render: {' and '.join('--' + s for s in given)} draw different views; give --view"
            )
        return subjects[given[0]] if given else "landscape"
    wrong = [s for s in given if VIEWS[args.view].subject != s]
    if wrong:
        raise UsageError(
            f"silomap render: --{wrong[0]} goes with --view {subjects[wrong[0]]}, not --view {args.view}"
        )
    return str(args.view)


def _observed(seen: Observed, journey: str) -> tuple[dict[tuple[str, str], float | None] | None, str | None]:
    """The journey's observed share of each hand-off, and why they are not measured (or ``None``)."""
    found = next((j for j in seen.journeys if j.id == journey), None)
    if found is not None and found.cases is None:
        return None, "the mapping maps no log activity to the steps of this journey"
    return (None if found is None else found.rates()), seen.not_measured.get("group")


def _is_folder(output: str) -> bool:
    """Whether ``-o`` names a directory: one that exists, ends in a slash, or has no extension."""
    path = Path(output)
    return output.endswith(("/", "\\")) or path.is_dir() or not path.suffix


def run(args: argparse.Namespace, limits: Limits) -> int:
    view = _view(args)
    target = Path(args.output)
    folder = _is_folder(args.output)
    if folder and VIEWS[view].fit is None:  # the landscape and a group may be several drawings
        raise UsageError(
            f"silomap render: -o {safe_text(args.output)} is a directory; the {view} view is one file"
        )
    if not folder:
        output_format(target)  # refuse an unknown extension before any work
    check_target(target, Path(args.model))
    subjects = {v.subject: getattr(args, v.subject) for v in VIEWS.values() if v.subject}
    model = load_model(args.model, limits)
    rates, gap = None, None
    if args.observed:
        if view != "journey":
            raise UsageError("silomap render: --observed goes with a journey view (--journey ID)")
        check_target(target, Path(args.observed))
        rates, gap = _observed(observe(model, args.observed, limits=limits), args.journey)
    picture = diagram(
        model,
        view,
        **subjects,
        group_by=args.group_by,
        overlay=args.overlay,
        expand=args.expand,
        page=args.page,
        renderer=args.renderer,
        transfer_rates=rates,
    )
    if folder:
        files = picture.files()
        write_directory(files, target, force=True)
        print(f"wrote {plural(len(files), 'drawing')} in {safe_text(str(target))}: {', '.join(files)}")
    else:
        picture.save(target)
        print(f"wrote {safe_text(str(target))}")
        if picture.groups and view == "landscape":
            print(f"the overview of {len(picture.groups)} groups; -o DIR writes it and one drawing per group")
        elif picture.groups:
            print(
                f"too big for the page at 6 pt: the group drawn whole, then in {len(picture.groups)} parts "
                "that fit; -o DIR writes them all"
            )
    if gap:
        print(f"observed shares of the hand-offs: not measured: {safe_text(gap)}")
    return 0


COMMAND = Command(
    "render",
    "draw a view: the landscape, a journey blueprint, or a question's fan-out",
    "Draw one view of a model. The output file's extension picks the format: "
    f"{' '.join(EXTENSIONS)} (.dot/.gv: DOT source; .mmd: Mermaid, landscape and journey). "
    "Uses Graphviz's dot when it is on PATH, else the embedded Graphviz (WebAssembly).",
    add_arguments,
    run,
)
