"""Tests of the config layer: settings and config files."""
