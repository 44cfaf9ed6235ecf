"""Upcoming sessions in the site search (/search/), through their programme's page.

The site search covers live, public pages only (``search/views.py`` ranks every
registered page type in one query over ``Page``), and a session is not a page. So each
induction programme's search document carries its upcoming sessions (title, format,
date and time, venue and address, facilitator: ``sessions_search_text``, the programme
page's ``upcoming_sessions_text`` search field). Searching for a session's title, venue or
date finds its programme, whose page lists the session with a link to /sessions/<pk>/;
the result's snippet shows the matching session line.

The programme's document is rewritten whenever one of its sessions, or a venue they use,
changes in a way the text shows (``connect``: a session added, edited, cancelled, moved
to another programme or deleted), through the same index-update task that page saves use
(so it honours ``search.indexing.deferred_index_updates`` and the ``search`` queue). A
booking changes only a session's counters, which are not in the text, so bookings never
rewrite the index. A session whose start has passed stays in its programme's document
until the programme is next indexed (any change, or ``manage.py update_index``); it is
only ever text leading to the programme page, which shows upcoming sessions alone.
"""

from django.db.models.signals import post_delete, post_save, pre_save

# Session fields the search text shows; saving only others (the booking counters) skips reindexing.
SHOWN_FIELDS = {"title", "format", "starts_at", "ends_at", "venue", "facilitator", "status", "programme"}
VENUE_FIELDS = {"name", "address"}


def sessions_search_text(programme):
    """One line per upcoming session of ``programme``: what a search for it would name."""
    from .booking.notifications import format_when

    return "\n".join(
        f"{s.title}, at {s.venue.name}, {s.venue.address}: {format_when(s.starts_at, s.ends_at)}. "
        f"{s.get_format_display()}, run by {s.facilitator}."
        for s in programme.upcoming_sessions().select_related("venue")
    )


def reindex_programmes(*programme_ids):
    """Queue an index update of these programmes' pages (as a page save does), and tell the
    search page cache that what their results show has changed (in this transaction: the
    snippet reads the sessions from the database, before the update is indexed)."""
    from modelsearch import signal_handlers

    from search.page_cache import bump

    bump()
    for pk in sorted({pk for pk in programme_ids if pk is not None}):
        signal_handlers.insert_or_update_object_task.enqueue("training", "inductionprogrammepage", str(pk))


def _shows_change(update_fields, shown):
    return update_fields is None or bool(shown & set(update_fields))


def session_about_to_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember the programme a session belonged to, in case the save moves it."""
    if raw or instance.pk is None or not _shows_change(update_fields, {"programme"}):
        return
    instance._programme_before_save = (
        sender.objects.filter(pk=instance.pk).values_list("programme_id", flat=True).first()
    )


def session_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _shows_change(update_fields, SHOWN_FIELDS):
        return
    reindex_programmes(instance.programme_id, getattr(instance, "_programme_before_save", None))


def session_deleted(sender, instance, **kwargs):
    reindex_programmes(instance.programme_id)


def venue_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _shows_change(update_fields, VENUE_FIELDS):
        return
    from .models import Session

    reindex_programmes(
        *Session.objects.upcoming().filter(venue=instance).values_list("programme_id", flat=True).distinct()
    )


def connect():
    """Keep programme pages' search documents in step with their sessions (from TrainingConfig.ready())."""
    from .models import Session, Venue

    pre_save.connect(session_about_to_save, sender=Session, dispatch_uid="session-search-programme-before")
    post_save.connect(session_saved, sender=Session, dispatch_uid="session-search-reindex")
    post_delete.connect(session_deleted, sender=Session, dispatch_uid="session-search-reindex-delete")
    post_save.connect(venue_saved, sender=Venue, dispatch_uid="venue-search-reindex")


def register():
    """Induction programmes in the site search, their upcoming sessions with them (from
    TrainingConfig.ready(), beside the scenarios' registration)."""
    from search.registry import register as register_type

    from .models import InductionProgrammePage

    register_type(
        InductionProgrammePage,
        slug="programme",
        label="Induction programme",
        plural="Induction programmes",
        snippet_fields=["summary", "upcoming_sessions_text", "audience", "learning_aims"],
        summary_field="summary",
    )
