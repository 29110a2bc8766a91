"""The command line: one module per command, each an ``add_arguments``/``run`` pair.

- ``command``: what a command is; ``main``: the table of commands, the
  parser built from it, and exit codes mapped in one place;
- ``output``: printing problems (text, GitHub annotations, JSON);
- ``validate``, ``score``, ``render``, ``report``, ``importing``, ``schema``:
  the commands. Their choices come from the library's tables (views,
  report formats, importers, renderers), never from literal lists.

May import every layer of silomap. The library never imports the CLI.
"""

from .main import main

__all__ = ["main"]
