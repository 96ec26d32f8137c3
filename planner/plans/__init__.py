"""The sample plans drawn, and a check for any plan file (page.py)."""
