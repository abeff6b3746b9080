"""Tests of the reporting layer: output formats, statistics, export."""
