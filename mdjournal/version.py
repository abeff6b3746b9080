"""The version of mdjournal: the one place it is written (pyproject reads it here)."""

__version__ = "0.1.0"
