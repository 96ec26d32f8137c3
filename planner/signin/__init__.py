"""The sign-in form for facilitators, designers and staff (page.py)."""
