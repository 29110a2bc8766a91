"""The landscape laid out to fit: a few layouts tried, each measured from Graphviz's own output,
the first that fits kept; a landscape that fits no page at a readable size split into an overview
and one drawing per group.

A drawing fits when its aspect (width / height) is between 0.4 and 2.5 and, for a page
(``a3``, ``a4``, ``16:9``), its smallest text is at least 6 points once it is fitted to the
page (:mod:`.measure`). The layouts tried: top to bottom, left to right, each with its
unconnected parts packed in an array, all drawn in one Graphviz run; then, for a page where none
fits, the same with the labels as numbers listed under the drawing. Without a page the first
that fits is kept; for a page, the one with the biggest text. When none fits, the one closest to
fitting is kept (the aspect first, then the text size).

For a page whose overview of groups does not fit either (some 30 groups on a slide), the groups
are gathered in areas (:mod:`.areas`): the overview draws the areas, each area's drawing its
groups, and each group is drawn as before. :attr:`Drawn.parent` says which drawing each is read
after.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .._errors import ToolError
from .._metrics import Analysis
from .._model import Model
from .._text import slug
from . import render
from .areas import area_view, areas, areas_view
from .clusters import halves
from .dot import Dot
from .grouping import collapsed
from .landscape import Layout, landscape_view
from .legend import finish_svg
from .measure import MIN_TEXT, Measure, measure
from .overview import group_view, grouping

__all__ = ["ASPECT", "Drawn", "fit_group", "fit_landscape"]

ASPECT = (0.4, 2.5)
Maker = Callable[[Layout], Dot]  # a drawing, made in a given layout
Until = tuple[float, float] | None  # the time.monotonic() to be done by, and the seconds given; None: no end
_PLAIN = (Layout("TB"), Layout("LR"), Layout("TB", pack=True), Layout("LR", pack=True))
_KEYED = tuple(Layout(lay.rankdir, lay.pack, keyed=True) for lay in _PLAIN)


@dataclass(frozen=True)
class Drawn:
    """One drawing of the landscape laid out: its file name's stem, its DOT, its SVG (the legend
    added) and what :func:`.measure.measure` reads from it."""

    name: str
    dot: Dot
    svg: str
    measured: Measure
    parent: str = ""  # the drawing it is read after: ``overview``, or its area's (``area-<n>``)


def _fits(m: Measure) -> bool:
    readable = m.smallest is None or m.smallest >= MIN_TEXT - 1e-9
    return ASPECT[0] <= m.aspect <= ASPECT[1] and readable


def _miss(m: Measure) -> tuple[float, float]:
    """How far a drawing is from fitting: aspect off its range (as a factor), then text missing."""
    off = max(ASPECT[0] / m.aspect if m.aspect else 99.0, m.aspect / ASPECT[1], 1.0)
    return off, MIN_TEXT - min(m.smallest or MIN_TEXT, MIN_TEXT)


def _until(timeout: float | None) -> Until:
    """When a fit given ``timeout`` seconds in all must be done (``None``: each Graphviz run has
    :data:`~silomap._diagrams.render.TIMEOUT` seconds, with no end to the whole)."""
    return None if timeout is None else (time.monotonic() + timeout, timeout)


def _svgs(sources: list[str], renderer: str, until: Until) -> list[str]:
    """The SVGs of ``sources``, drawn by ``until``; else an error (SM040) that says how long."""
    if until is None:
        return render.render_svgs(sources, renderer, render.TIMEOUT)
    left = until[0] - time.monotonic()
    drawn = render.render_within(sources, renderer, left, left) if left > 0 else [None]
    svgs = [svg for svg in drawn if svg is not None]
    if len(svgs) < len(sources):
        raise ToolError(
            f"laying out the landscape took longer than {until[1]:g} s in all; "
            "try {group_by}, or a smaller view",
            code="SM040",
            mentions=("group_by",),
        )
    return svgs


def _best(makers: list[Maker], page: str | None, renderer: str, until: Until) -> list[tuple[bool, Drawn]]:
    """For each drawing, whether a layout fits and the first that fits (else the closest): every
    drawing's layouts of one stage drawn in one Graphviz run."""
    tried: list[list[Drawn]] = [[] for _ in makers]
    left = list(range(len(makers)))
    for stage in (_PLAIN, _KEYED) if page else (_PLAIN,):
        dots = [(n, makers[n](layout)) for n in left for layout in stage]
        svgs = _svgs([d.source() for _, d in dots], renderer, until)
        for (n, dot), svg in zip(dots, svgs, strict=True):
            done = finish_svg(svg, dot.legend)
            tried[n].append(Drawn("", dot, done, measure(done, page)))
        left = [n for n in left if not any(_fits(d.measured) for d in tried[n])]
        if not left:
            break
    out = []
    for drawn in tried:
        fitted = [d for d in drawn if _fits(d.measured)]
        if fitted:  # for a page, the one with the biggest text; else the first
            out.append((True, max(fitted, key=lambda d: d.measured.smallest or 0.0) if page else fitted[0]))
        else:
            out.append((False, min(drawn, key=lambda d: _miss(d.measured))))
    return out


def fit_landscape(
    model: Model,
    analysis: Analysis,
    *,
    group_by: str = "auto",
    overlay: str | None = None,
    expand: bool | None = None,
    page: str | None = None,
    renderer: str = "auto",
    timeout: float | None = None,
) -> list[Drawn]:
    """The landscape laid out to fit: one drawing, or (split) the overview then one per group; for
    a page whose overview does not fit, the overview of areas, then each area and its groups.

    Split past 40 systems (:func:`.grouping.collapsed`), or when no layout of the whole
    landscape fits ``page`` with text of 6 points or more (unless ``expand`` says). ``timeout``:
    seconds for every layout of every drawing in all (``None``: 60 s for each Graphviz run); past
    it, an error (SM040).
    """
    until = _until(timeout)
    if not collapsed(model, expand):
        whole: Maker = partial(landscape_view, model, analysis, group_by, overlay, expand)
        [(fits, one)] = _best([whole], page, renderer, until)
        if fits or expand is not None or page is None:
            return [_named("landscape", (fits, one))]
    makers: list[Maker] = [partial(landscape_view, model, analysis, group_by, overlay, False, page=page)]
    _, groups = grouping(model, group_by, False, page)
    names = ["overview"]
    for key, title in groups.titles.items():
        makers.append(partial(group_view, model, analysis, group_by, key, page=page))
        name = f"group-{slug(title, key)}"
        names.append(name if name not in names else f"group-{slug(title, key)}-{slug(key, 'group')}")
    found = _best(makers, page, renderer, until)
    drawn = [(fits, _named(name, (fits, d))) for name, (fits, d) in zip(names, found, strict=True)]
    parts = _halved(model, analysis, group_by, page, renderer, until, list(groups.members), drawn[1:])
    if drawn[0][0] or page is None:
        return [drawn[0][1], *(_under(one, "overview") for _, one in parts)]
    return _two_levels(model, group_by, page, renderer, until, parts)


def _two_levels(
    model: Model,
    group_by: str,
    page: str,
    renderer: str,
    until: Until,
    parts: list[tuple[str, Drawn]],
) -> list[Drawn]:
    """The overview of areas, then each area's drawing followed by its groups' drawings."""
    _, groups = grouping(model, group_by, False, page)
    found = areas(model, groups)
    makers: list[Maker] = [partial(areas_view, model, group_by, page=page)]
    makers += [partial(area_view, model, group_by, key, page=page) for key in found.members]
    top, *middle = _best(makers, page, renderer, until)
    out = [_named("overview", top)]
    for key, one in zip(found.members, middle, strict=True):
        below = [d for group, d in parts if found.where[groups.members[group][0].id] == key]
        if len({groups.where[s.id] for s in found.members[key]}) == 1:  # an area of one group
            out += [_under(d, "overview") for d in below]
            continue
        name = f"area-{key.removeprefix('area:')}"
        out += [_under(_named(name, one), "overview"), *(_under(d, name) for d in below)]
    return out


def _halved(
    model: Model,
    analysis: Analysis,
    group_by: str,
    page: str | None,
    renderer: str,
    until: Until,
    keys: list[str],
    drawn: list[tuple[bool, Drawn]],
) -> list[tuple[str, Drawn]]:
    """Each group whose drawing does not fit the page cut in two (the fewest integrations cut) and
    each half drawn instead, and so on, three times at most: the page is split, not shrunk. Each
    drawing with its group's key."""
    _, groups = grouping(model, group_by, False, page)
    parts: list[tuple[str, tuple[str, ...], tuple[bool, Drawn]]] = [
        (key, tuple(s.id for s in groups.members[key]), one) for key, one in zip(keys, drawn, strict=True)
    ]
    for _ in range(3 if page else 0):
        cut = [n for n, (_, ids, (fits, _)) in enumerate(parts) if not fits and len(ids) > 1]
        if not cut:
            break
        pending = []
        for n in cut:
            key, ids, (_, one) = parts[n]
            for i, half in enumerate(halves(model, list(ids)), start=1):
                pending.append((n, key, tuple(half), f"{one.name}-{i}"))
        makers: list[Maker] = [
            partial(group_view, model, analysis, group_by, key, page=page, part=part)
            for _, key, part, _ in pending
        ]
        found = _best(makers, page, renderer, until)
        new: dict[int, list[tuple[str, tuple[str, ...], tuple[bool, Drawn]]]] = {n: [] for n in cut}
        for (n, key, part, name), (fits, one) in zip(pending, found, strict=True):
            new[n].append((key, part, (fits, _named(name, (fits, one)))))
        parts = [p for n, old in enumerate(parts) for p in new.get(n, [old])]
    return [(key, one) for key, _, (_, one) in parts]


def _named(name: str, found: tuple[bool, Drawn]) -> Drawn:
    return Drawn(name, found[1].dot, found[1].svg, found[1].measured)


def _under(drawn: Drawn, parent: str) -> Drawn:
    return Drawn(drawn.name, drawn.dot, drawn.svg, drawn.measured, parent)


def fit_group(
    model: Model,
    analysis: Analysis,
    *,
    group_by: str,
    key: str,
    page: str | None = None,
    renderer: str = "auto",
    timeout: float | None = None,
) -> list[Drawn]:
    """One group of the landscape (``--view group``) laid out as the landscape lays out its groups:
    the layouts tried and measured, the first that fits kept (for a page, the biggest text). A
    group too big for the page is drawn whole (the closest layout), then cut in parts that fit, as
    the landscape's drawings cut it (``group-<slug>-1``, ``-2``...), each read after the whole.
    ``timeout``: as :func:`fit_landscape`'s. Raises :class:`~silomap.UsageError` for a group
    ``group_by`` does not make."""
    until = _until(timeout)
    maker: Maker = partial(group_view, model, analysis, group_by, key, page=page)
    [found] = _best([maker], page, renderer, until)
    title = grouping(model, group_by, False, page)[1].titles[key]
    whole = _named(f"group-{slug(title, key)}", found)
    if found[0] or page is None:
        return [whole]
    parts = _halved(model, analysis, group_by, page, renderer, until, [key], [(False, whole)])
    return [whole, *(_under(part, whole.name) for _, part in parts if part.name != whole.name)]
