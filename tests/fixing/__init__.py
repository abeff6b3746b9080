"""Tests of the fixing layer: findings to edits to text."""
