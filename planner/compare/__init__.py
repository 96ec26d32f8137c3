"""Two to four options side by side: page.py and logic (the criterion table; pure)."""
