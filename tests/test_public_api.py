"""A public API a reviewer would sign (issue #25, item 9).

Public names report ``silomap`` as their module; options are keyword-only after the subject and
its format, and the earlier spellings still work with a ``DeprecationWarning`` naming the new one;
results and errors pickle; library errors never name a command-line flag.
"""

from __future__ import annotations

import ast
import dataclasses
import doctest
import inspect
import pickle
import re
import traceback
import warnings

import pytest

import silomap

from .conftest import DATA, MODELS, ROOT

BANK = MODELS / "retail-bank"
BPMN = DATA / "bpmn" / "miwg_C.5.0.bpmn"
CHANGES = ROOT / "examples" / "changes" / "connect-app.yaml"
PUBLIC = [name for name in silomap.__all__ if name != "__version__"]


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(BANK)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_reports_silomap_as_its_module(name):
    obj = getattr(silomap, name)
    assert (obj.__module__, obj.__qualname__) == ("silomap", name)
    if isinstance(obj, type):
        assert repr(obj) == f"<class 'silomap.{name}'>"


def test_a_traceback_names_the_public_exception():
    try:
        silomap.load(None)
    except silomap.UsageError as err:
        shown = traceback.format_exception_only(err)[-1]
    assert shown.startswith("silomap.UsageError: path= must be")


def test_the_examples_of_public_classes_methods_still_run():
    """doctest finds a member by its module: each method's example must follow its class."""
    found = {test.name for test in doctest.DocTestFinder().find(silomap) if test.examples}
    wanted = {
        f"silomap.{name}.{attr}"
        for name in PUBLIC
        if isinstance(getattr(silomap, name), type)
        for attr, member in vars(getattr(silomap, name)).items()
        if inspect.isfunction(member) and ">>>" in (member.__doc__ or "")
    }
    assert wanted and wanted <= found


def _results():
    model = silomap.load(BANK)
    analysis = silomap.analyze(model)
    return {
        "model": model,
        "analysis": analysis,
        "ranking": silomap.rank(analysis),
        "fixes": silomap.fixes(model, top=2, roadmap=1),
        "diff": silomap.diff(model, model),
        "maturity": silomap.assess(model),
        "comparison": silomap.whatif(model, silomap.load_changes(CHANGES)),
        "import": silomap.import_model(BPMN, "bpmn"),
        "problem": silomap.Problem("m.yaml", 1, 2, "SM031", "unknown system 'erp2'"),
        "limits": silomap.Limits(),
    }


def test_results_pickle_as_public_names():
    for name, result in _results().items():
        assert type(result).__module__ == "silomap", name  # pickled by its public name
        assert pickle.loads(pickle.dumps(result)) == result, name


@pytest.mark.parametrize(
    "err",
    [
        silomap.UsageError("the journey view needs {param}", param="journey", code="SM020"),
        silomap.ModelError(
            [silomap.Problem("m.yaml", 1, 2, "SM031", "unknown system")], hint="give the folder"
        ),
        silomap.ToolError("slow; try {group_by}", code="SM040", mentions=("group_by",)),
        silomap.GateFailed("silo score 45.0 is above 40"),
    ],
    ids=lambda err: type(err).__name__,
)
def test_errors_pickle_with_their_data(err):
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert (str(back), back.__dict__) == (str(err), err.__dict__)


@pytest.mark.parametrize(
    "name", [n for n in PUBLIC if inspect.isfunction(getattr(silomap, n))] + ["Diagram", "ImportResult"]
)
def test_options_are_keyword_only_after_the_subject_and_its_format(name):
    obj = getattr(silomap, name)
    members = vars(obj).items() if isinstance(obj, type) else [(name, obj)]
    functions = [m for n, m in members if inspect.isfunction(m) and not n.startswith("_")]
    for function in functions:
        params = inspect.signature(function).parameters.values()
        leading = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"]
        assert len(leading) <= 2, (function.__qualname__, leading)
        assert "format" not in [p.name for p in params]  # no builtin shadowed


# (the earlier spelling, today's, and what the warning names)
OLD_SPELLINGS = [
    (lambda m: silomap.load(BANK, None), lambda m: silomap.load(BANK, limits=None), "limits="),
    (
        lambda m: silomap.load_changes(CHANGES, None).changes,
        lambda m: silomap.load_changes(CHANGES, limits=None).changes,
        "limits=",
    ),
    (
        lambda m: silomap.load_assessment(BANK / "assessment.yaml", None),
        lambda m: silomap.load_assessment(BANK / "assessment.yaml", limits=None),
        "limits=",
    ),
    (lambda m: silomap.schema(True), lambda m: silomap.schema(part=True), "part="),
    (
        lambda m: silomap.assess(m, None, silomap.analyze(m)),
        lambda m: silomap.assess(m, analysis=silomap.analyze(m)),
        "analysis=",
    ),
    (lambda m: silomap.fixes(m, 2, None, 0), lambda m: silomap.fixes(m, top=2, roadmap=0), "by keyword"),
    (
        lambda m: silomap.fixes(m, top=2, roadmap=0, effort_kind="quick"),
        lambda m: silomap.fixes(m, top=2, roadmap=0, effort="quick"),
        "effort=",
    ),
    (lambda m: silomap.report(m, format="md"), lambda m: silomap.report(m, "md"), "fmt="),
    (
        lambda m: silomap.import_model("bpmn", BPMN).files,
        lambda m: silomap.import_model(BPMN, "bpmn").files,
        "silomap.import_model(path, kind)",
    ),
    (
        lambda m: silomap.import_model("bpmn", str(BPMN)).files,
        lambda m: silomap.import_model(str(BPMN), "bpmn").files,
        "silomap.import_model(path, kind)",
    ),
    (
        lambda m: silomap.diagram(m).data("dot", "embedded"),
        lambda m: silomap.diagram(m).data("dot", renderer="embedded"),
        "renderer=",
    ),
]


@pytest.mark.parametrize(("old", "new", "named"), OLD_SPELLINGS)
def test_an_earlier_spelling_works_and_warns_with_the_new_one(bank, old, new, named):
    with pytest.warns(DeprecationWarning, match=re.escape(named)) as caught:
        before = old(bank)
    assert caught[0].filename == __file__  # the warning points at the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert before == new(bank)


def test_history_takes_its_options_by_keyword(bank):
    with pytest.warns(DeprecationWarning, match="by position is deprecated") as caught:
        before = silomap.history(BANK, None, 2)
    assert [str(w.message) for w in caught] == [
        "silomap.history: give since by keyword (since=); by position is deprecated",
        "silomap.history: give limit by keyword (limit=); by position is deprecated",
    ]
    assert before == silomap.history(BANK, limit=2)


def test_write_takes_force_by_keyword(tmp_path):
    result = silomap.import_model(BPMN, "bpmn")
    result.write(tmp_path / "m")
    with pytest.warns(DeprecationWarning, match="give force by keyword"):
        result.write(tmp_path / "m", True)


def test_an_error_names_the_argument_as_the_caller_wrote_it(bank):
    with pytest.raises(silomap.UsageError) as new:
        silomap.report(bank, fmt="docx")  # warnings are errors: no warning
    with pytest.raises(silomap.UsageError) as old, pytest.warns(DeprecationWarning, match="use fmt="):
        silomap.report(bank, format="docx")
    assert (str(new.value), str(old.value)) == (
        "fmt= must be one of html, md, pdf, not 'docx'",
        "format= must be one of html, md, pdf, not 'docx'",
    )


def test_both_spellings_at_once_are_refused(bank):
    with pytest.raises(TypeError, match="got both format= and fmt=; give fmt= alone"):
        silomap.report(bank, fmt="md", format="md")


FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _raised_texts(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield node.lineno, part.value


def test_no_library_error_names_a_command_line_flag():
    """The CLI phrases a parameter as its flag (``{param}``, ``mentions``); the library never does."""
    found = []
    for path in sorted((ROOT / "src" / "silomap").rglob("*.py")):
        if "_cli" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.name}:{line}: {text}" for line, text in _raised_texts(tree) if FLAG.search(text)]
    assert found == []


@pytest.mark.parametrize(
    ("error", "library", "cli"),
    [
        (
            silomap.ToolError("slow; try {group_by}, or a smaller view", mentions=("group_by",)),
            "slow; try group_by=, or a smaller view",
            "slow; try --group-by, or a smaller view",
        ),
        (
            silomap.ToolError("install it or use {renderer=embedded}", mentions=("renderer",)),
            "install it or use renderer='embedded'",
            "install it or use --renderer embedded",
        ),
        (
            silomap.UsageError("{fmt=md} but {param} ends in .html", param="path", mentions=("fmt",)),
            "fmt='md' but path= ends in .html",
            "--format md but -o ends in .html",
        ),
    ],
)
def test_a_mentioned_parameter_is_an_argument_in_python_and_a_flag_on_the_command_line(error, library, cli):
    from silomap._cli.main import flag

    assert (str(error), error.format_message(flag)) == (library, cli)


_HEADER = re.compile(r"^(\w+)\n-{3,}$", re.M)


def _sections(obj: object) -> dict[str, list[str]]:
    """Each numpydoc section of ``obj``'s docstring, with the names it lists (``a, b`` is two)."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    heads = list(_HEADER.finditer(doc))
    out = {}
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        body = doc[head.end() : after.start() if after else len(doc)]
        out[head.group(1)] = [
            n.strip() for line in body.splitlines() if re.match(r"\w", line) for n in line.split(",")
        ]
    return out


def _fields(cls: type) -> set[str]:
    if dataclasses.is_dataclass(cls):
        return {f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    if hasattr(cls, "model_fields"):
        return set(cls.model_fields)
    return {p for p in inspect.signature(cls).parameters if p not in ("args", "kwargs")}


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_has_numpydoc_sections_that_name_each_parameter(name):
    obj = getattr(silomap, name)
    sections = _sections(obj)
    if inspect.isfunction(obj):
        params = set(inspect.signature(obj).parameters)
        assert list(sections) == [*(["Parameters"] if params else []), "Returns", "Raises", "Examples"]
        assert set(sections.get("Parameters", [])) == params
        return
    (listed,) = set(sections) & {"Parameters", "Attributes"}
    assert list(sections) == [listed, "Examples"]
    if issubclass(obj, Exception) and obj is not silomap.ModelError:
        assert set(sections[listed]) == {"message", "code", "param", "mentions"} or issubclass(obj, Warning)
    else:  # every field, and maybe a property
        properties = {n for n, v in vars(obj).items() if isinstance(v, property)}
        assert _fields(obj) <= set(sections[listed]) <= _fields(obj) | properties
