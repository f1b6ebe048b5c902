"""Evaluating tenders as plain Python (no Flask, no ORM): price points, weighted totals and ranking
(`scoring`), the report data every evaluation output renders (`report`), and reading a supplier's
filled response matrix safely (`reading`, `safety`)."""
