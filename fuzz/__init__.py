"""Fuzzing of newsfacts' entry points (see README.md here)."""
