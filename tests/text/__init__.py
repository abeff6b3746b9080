"""Tests of the text layer: source text, files, edits, the collector's pause."""
