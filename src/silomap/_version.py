"""The version of silomap: a leaf module, read by pyproject.toml and by every output that names it."""

__version__ = "0.1.0"
