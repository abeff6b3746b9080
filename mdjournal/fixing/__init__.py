"""Layer 6, fixing: findings → edits → text.

:func:`~mdjournal.fixing.fixer.fix_text` applies the fixes that do not collide,
lints again, and repeats until nothing changes, refusing any round that would
change the journal's shape.
"""
