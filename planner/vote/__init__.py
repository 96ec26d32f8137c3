"""Staff vote on the options with a ranked ballot: page.py and ballot (ranks <-> tiers, wording; pure)."""
