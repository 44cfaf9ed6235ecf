"""Learning reminders by email: a refresher falling due, and a nudge about an unfinished programme.

Run once a day by ``training.completion.tasks``; each function takes ``now`` so tests
and the command line can run it for any day.

- ``send_refresher_reminders``: a person whose latest completed cycle of a programme with a
  refresher interval falls due within ``REFRESHER_NOTICE`` (30 days), or is overdue, gets
  one email for that cycle. ``Enrolment.refresher_reminded_at`` records it; a reminder
  sent before the cycle was completed belongs to an earlier cycle, so the next cycle is
  reminded again without anything having to reset the field.
- ``send_unfinished_nudges``: a person enrolled in a programme whose current cycle is not
  complete, started at least ``NUDGE_INTERVAL`` (14 days) ago, gets a nudge, at most one
  a fortnight: one email lists every such programme, and none goes while any of their
  enrolments was nudged in the last fortnight. ``Enrolment.last_nudged_at`` records it.

Both leave out people who turned reminders off on their profile
(``User.learning_reminders``), inactive accounts, accounts without an email address and
programmes no longer published. Every row is claimed with a conditional UPDATE before its
email is queued, so two workers running at once never both send it. Emails go through
``cms.core.tasks.send_email`` (plain text and HTML, from
``training/templates/training/emails/learning_<kind>.txt|.html``) and link to
/my-learning/ and to the profile page, where reminders are turned off.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse

from ..booking.calendar import absolute_url, service_name, site_url
from ..booking.notifications import format_date
from .progress import refresher_due

REFRESHER_NOTICE = timedelta(days=30)
NUDGE_INTERVAL = timedelta(days=14)
TEMPLATE_DIR = "training/emails"


def _remindable(queryset):
    """Enrolments of people who want reminders and can get them, in published programmes."""
    return queryset.filter(programme__live=True, user__is_active=True, user__learning_reminders=True).exclude(
        user__email=""
    )


def _completion_of_cycle():
    from ..models import ProgrammeCompletion

    return ProgrammeCompletion.objects.filter(
        user=OuterRef("user"), programme=OuterRef("programme"), cycle=OuterRef("cycle")
    )


# --- Refresher due soon ----------------------------------------------------------------------------


def refresher_candidates():
    """Enrolments whose current cycle is completed in a programme with a refresher interval
    and not yet reminded for that cycle, annotated with ``done_at`` (when it was completed)."""
    from ..models import Enrolment

    return (
        _remindable(Enrolment.objects.filter(programme__refresher_months__gt=0))
        .annotate(
            done_at=Coalesce("completed_at", Subquery(_completion_of_cycle().values("completed_at")[:1]))
        )
        .filter(done_at__isnull=False)
        .filter(Q(refresher_reminded_at__isnull=True) | Q(refresher_reminded_at__lt=F("done_at")))
    )


def due_refreshers(now):
    """[(enrolment, due_at)] whose refresher falls due by ``now + REFRESHER_NOTICE``."""
    due = []
    horizon = now + REFRESHER_NOTICE
    for enrolment in refresher_candidates().select_related("programme", "user").order_by("pk"):
        due_at = refresher_due(enrolment.done_at, enrolment.programme.refresher_months)
        if due_at is not None and due_at <= horizon:
            due.append((enrolment, due_at))
    return due


def send_refresher_reminders(now):
    """Queue the refresher reminders that are due; returns how many."""
    from cms.core.tasks import send_email

    from ..models import Enrolment

    sent = 0
    for enrolment, due_at in due_refreshers(now):
        # Claim it: only one of two workers running this at once updates the row. The claim
        # and the queued email commit together, so a failure never leaves a claim unsent.
        with transaction.atomic():
            won = (
                Enrolment.objects.filter(pk=enrolment.pk, cycle=enrolment.cycle)
                .filter(
                    Q(refresher_reminded_at__isnull=True) | Q(refresher_reminded_at__lt=enrolment.done_at)
                )
                .update(refresher_reminded_at=now)
            )
            if won:
                send_email.enqueue(**render_refresher_email(enrolment, due_at, now))
                sent += 1
    return sent


# --- Unfinished-programme nudge -----------------------------------------------------------------------


def _nudge_conditions(now):
    """The row conditions for a nudge: cycle not complete, not nudged in the last fortnight,
    and none of the person's enrolments nudged in the last fortnight either.

    Rows stamped with this very ``now`` are not "recently nudged": they are the ones the
    claiming UPDATE has just set (SQLite lets a statement see its own changes), so the
    person's rows are claimed together, while another run's stamp still stops this one.
    """
    from ..models import Enrolment

    cutoff = now - NUDGE_INTERVAL
    recently_nudged = Enrolment.objects.filter(user=OuterRef("user"), last_nudged_at__gt=cutoff).exclude(
        last_nudged_at=now
    )
    return (
        Q(completed_at__isnull=True)
        & (Q(last_nudged_at__isnull=True) | Q(last_nudged_at__lte=cutoff))
        & ~Exists(recently_nudged)
        & ~Exists(_completion_of_cycle())
    )


def due_nudges(now):
    """{user: [enrolment, ...]}: unfinished programmes started a fortnight ago or more,
    for people not nudged in the last fortnight."""
    from ..models import Enrolment

    enrolments = (
        _remindable(Enrolment.objects.filter(started_at__lte=now - NUDGE_INTERVAL))
        .filter(_nudge_conditions(now))
        .select_related("programme", "user")
        .order_by("user_id", "started_at", "pk")
    )
    by_user = defaultdict(list)
    for enrolment in enrolments:
        by_user[enrolment.user].append(enrolment)
    return by_user


def send_unfinished_nudges(now):
    """Queue one nudge per person due one; returns how many emails were queued."""
    from cms.core.tasks import send_email

    from ..models import Enrolment

    sent = 0
    for user, enrolments in due_nudges(now).items():
        pks = [enrolment.pk for enrolment in enrolments]
        # Claim all of the person's rows in one statement: a second worker's update finds
        # them nudged (or the person recently nudged) and changes nothing. The claim and the
        # queued email commit together, so a failure never leaves a claim unsent.
        with transaction.atomic():
            won = Enrolment.objects.filter(Q(pk__in=pks) & _nudge_conditions(now)).update(last_nudged_at=now)
            if not won:
                continue
            claimed = set(
                Enrolment.objects.filter(pk__in=pks, last_nudged_at=now).values_list("pk", flat=True)
            )
            programmes = [enrolment.programme for enrolment in enrolments if enrolment.pk in claimed]
            if programmes:
                send_email.enqueue(**render_nudge_email(user, programmes))
                sent += 1
    return sent


# --- The emails -------------------------------------------------------------------------------------------


def _tidy(text):
    """Plain text as templates leave it, without trailing spaces or runs of blank lines."""
    tidy = []
    for line in (line.rstrip() for line in text.strip().splitlines()):
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def _context(user, subject):
    return {
        "subject": subject,
        "service_name": service_name(),
        "site_url": site_url(),
        "name": user.get_full_name(),
        "my_learning_url": absolute_url(reverse("my_learning:index")),
        "profile_url": absolute_url(reverse("users:profile")),
    }


def _email(kind, user, context):
    return {
        "subject": context["subject"],
        "body": _tidy(render_to_string(f"{TEMPLATE_DIR}/learning_{kind}.txt", context)),
        "html_body": render_to_string(f"{TEMPLATE_DIR}/learning_{kind}.html", context),
        "to": [user.email],
    }


def render_refresher_email(enrolment, due_at, now):
    title = " ".join(enrolment.programme.title.split())  # no line breaks in a header
    overdue = due_at <= now
    due_date = format_date(due_at, weekday=False)
    subject = (
        f"Your refresher is due: {title}" if overdue else f"Your refresher is due on {due_date}: {title}"
    )
    context = _context(enrolment.user, subject)
    context.update(
        {
            "programme_title": enrolment.programme.title,
            "completed_on": format_date(enrolment.done_at, weekday=False),
            "due_on": due_date,
            "overdue": overdue,
            "programme_url": absolute_url(enrolment.programme.url or "/"),
        }
    )
    return _email("refresher", enrolment.user, context)


def render_nudge_email(user, programmes):
    if len(programmes) == 1:
        subject = f"Carry on with your learning: {' '.join(programmes[0].title.split())}"
    else:
        subject = f"Carry on with your learning: {len(programmes)} programmes to finish"
    context = _context(user, subject)
    context["programmes"] = [
        {"title": programme.title, "url": absolute_url(programme.url or "/")} for programme in programmes
    ]
    return _email("nudge", user, context)
