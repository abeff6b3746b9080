"""Tests of the editor server (LSP)."""
