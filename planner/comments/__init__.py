"""Staff comments pinned on the plans: page.py (staff make and follow them), views (cards and filters,
also used by the designer), logic (wording and plan marks, pure)."""
