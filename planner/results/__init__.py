"""The facilitator's results: kiosk feedback, pins, survey, votes, staff comments, exports, the report."""
