"""Tests of the parsing layer: text to model."""
