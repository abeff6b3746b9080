"""Tests of the linting layer: rules, suppression, selection."""
