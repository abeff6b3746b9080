"""Tests of the model layer: identifiers, mojibake, read marks."""
