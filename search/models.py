"""What people search for that finds nothing, per day, without any personal data.

No user, IP address, session or full timestamp is stored: only the normalised query
text, the day and how many times it came back empty. Queries that look like they hold
personal data (an email address, phone number, postcode ...) are never stored at all
(see :mod:`search.query_log`).
"""

from django.db import models


class ZeroResultQuery(models.Model):
    query_text = models.CharField(max_length=255)
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query_text", "date"], name="site_search_zero_result_unique_day"),
        ]
        ordering = ["-date", "-count", "query_text"]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return f"{self.query_text} ({self.date}: {self.count})"


class SearchContentVersion(models.Model):
    """One row: a random token, replaced in the same transaction as any change to what a
    search results page shows (see :mod:`search.page_cache`). Rendered results are cached
    under it, so every process stops using them the moment the change commits."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "search content version"

    def __str__(self):
        return self.token
