"""A hardened YAML reader that keeps the position of every node.

Models come from many contributors, so this reader treats every file as
hostile. It checks the bytes (size, UTF-8, binary data, unusual line
terminators: :mod:`.text`) before parsing, then composes plain Python data from the
parser's *event stream* itself, with an explicit stack, so that it can

- stop at the nesting budget before any recursive code runs (PyYAML's C
  composer segfaults near 30,000 levels, the Python one overflows near 500);
- count alias-expanded nodes and stop a "billion laughs" at the alias that
  crosses the budget, before anything is expanded;
- refuse explicit tags (no object construction, no ``!include``, no
  ``!!int`` with no value) and duplicate keys (PyYAML keeps the last one);
- resolve plain scalars by the YAML 1.2 core schema, so ``NO``, ``yes``,
  ``on`` and ``2024-01-01`` stay strings; where a number reaches a text
  field the raw source text is kept so the error can say "put it in quotes".

The result is a :class:`Document`: the data, and a side table of positions
that maps a path such as ``("journeys", 2, "steps", 0)`` back to a line and
column.
"""

from __future__ import annotations

from .._config import Limits
from .._errors import Problem
from .compose import Abort, Composer
from .document import Document
from .text import decode

__all__ = ["read_document", "read_documents"]


def _read(
    name: str, data: bytes, limits: Limits | None, multi: bool, keep_controls: bool = False
) -> tuple[Document | None, list[Problem]]:
    limits = limits or Limits()
    text, problems = decode(name, data, limits)
    if text is None:
        return None, problems
    composer = Composer(name, text, limits, multi, keep_controls)
    try:
        result = composer.compose()
    except Abort:
        return None, problems + composer.problems
    finally:
        dispose = getattr(composer.parser, "dispose", None)
        if dispose is not None:
            dispose()
    return Document(name, result, composer.positions, composer.poisoned), problems + composer.problems


def read_document(
    name: str, data: bytes, limits: Limits | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes into a :class:`Document`, or return why it cannot be read.

    ``Document`` is ``None`` only when the file could not be parsed at all;
    non-fatal problems (a duplicate key, a tag) come back beside a document.

    >>> doc, problems = read_document("m.yaml", b"name: NO\\nsize: 0123\\n")
    >>> doc.data, problems
    ({'name': 'NO', 'size': 123}, [])
    >>> doc.locate(("size",))
    (2, 7)
    """
    return _read(name, data, limits, False)


def read_documents(
    name: str, data: bytes, limits: Limits | None = None, *, keep_controls: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Parse a stream of YAML documents (``---`` between them) into one :class:`Document` whose
    data is the list of the documents; paths start with the document's index. The same checks
    and limits as :func:`read_document`, over the whole file.

    With ``keep_controls``, a value keeps the control and bidi characters its escapes write
    (``"a\\r\\nb"``), where a model refuses them (SM024): an importer makes names of them itself.

    >>> doc, problems = read_documents("c.yaml", b"kind: A\\n---\\nkind: B\\nname: NO\\n")
    >>> doc.data, problems, doc.locate((1, "name"))
    ([{'kind': 'A'}, {'kind': 'B', 'name': 'NO'}], [], (4, 7))
    >>> read_documents("c.yaml", b'title: "a\\\\r\\\\nb"\\n', keep_controls=True)[0].data
    [{'title': 'a\\r\\nb'}]
    """
    return _read(name, data, limits, True, keep_controls)
