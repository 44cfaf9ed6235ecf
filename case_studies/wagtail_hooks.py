"""Admin wiring for case studies: the review-date report."""

from . import review_dates  # noqa: F401  (registers the report's menu item and URL)
