"""The facilitator approves or rejects each citizen text before anyone else sees it (page.py)."""
