"""Tests of the mdformat plugin."""
