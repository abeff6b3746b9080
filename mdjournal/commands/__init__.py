"""What each command does, apart from its command-line declaration in :mod:`mdjournal.cli`.

Each ``run`` takes plain values, prints through click, and returns the exit code.
"""
