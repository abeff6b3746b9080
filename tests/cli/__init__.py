"""Tests of the command line: commands, paths, bad input, writing files."""
