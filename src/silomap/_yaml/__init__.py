"""The hardened YAML reader, below every family that reads YAML files.

Models, change files, log mappings, assessments and Backstage catalogs all come
from people silomap cannot trust, so each is read by this one reader, with the
same bounds (size, depth, aliases, time), the same refusals (tags, duplicate
keys, binary data) and the position of every node:

- ``text``: the bytes checked before parsing, and plain scalars resolved by YAML 1.2;
- ``compose``: plain data composed from the parser's events, with an explicit stack;
- ``reader``: :func:`read_document` and :func:`read_documents`, the entry points;
- ``document``: the :class:`Document` they return, which places a problem at a
  line and column from a path such as ``("journeys", 2, "steps", 0)``.

Line numbers are found here; the families above carry a :class:`Document` to say where.
May import: the foundations (``silomap._errors``, ``_text``, ``_config``) and nothing
else of silomap.

>>> doc, problems = read_document("m.yaml", b"name: NO\\n")
>>> doc.data, problems, format_path(("journeys", 2, "name"))
({'name': 'NO'}, [], 'journeys[2].name')
"""

from .document import Document, format_path
from .reader import read_document, read_documents
from .text import VALUE_UNSAFE

__all__ = ["VALUE_UNSAFE", "Document", "format_path", "read_document", "read_documents"]
