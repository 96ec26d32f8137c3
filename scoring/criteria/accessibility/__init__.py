"""Accessibility criteria, one module each (found by scoring.registry; nothing to list here)."""
