"""The facilitator's admin page: projects, options, kiosks, voting rounds, surveys, calmer list, accounts."""
