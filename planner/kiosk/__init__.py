"""The citizen kiosk: page.py (the screens), session (one person's answers and the reset),
i18n/ (the six message catalogues)."""
