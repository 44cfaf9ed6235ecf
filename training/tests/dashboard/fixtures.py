"""A hand-computed world for the dashboard's tests (test data written as rows).

Completions (people who completed, no accounts needed: anonymous rows count once):

               Police  Health  Education | total
    Alpha         3      10       20     |   33     (all in Leeds)
    Beta         12      15       25     |   52     (Leeds 40, Sheffield 12)
    total        15      25       45     |   85
"""

from datetime import timedelta

from django.utils import timezone

from cms.taxonomy.models import Agency, Area
from training.models import Booking, ProgrammeCompletion
from training.tests.session_factories import make_programme, make_session

GRID = {
    ("Alpha", "police"): 3,
    ("Alpha", "health"): 10,
    ("Alpha", "education"): 20,
    ("Beta", "police"): 12,
    ("Beta", "health"): 15,
    ("Beta", "education"): 25,
}


def completions(programme, agency, area, n, cycle=1):
    now = timezone.now()
    ProgrammeCompletion.objects.bulk_create(
        ProgrammeCompletion(
            user=None,
            programme=programme,
            cycle=cycle,
            agency=agency,
            area=area,
            started_at=now - timedelta(days=30),
            completed_at=now,
        )
        for _ in range(n)
    )


def completion_world():
    """The two programmes of the grid above, with their completions. {"Alpha": page, ...}."""
    programmes = {"Alpha": make_programme("Alpha induction"), "Beta": make_programme("Beta induction")}
    agencies = {
        agency.slug: agency for agency in Agency.objects.filter(slug__in=["police", "health", "education"])
    }
    leeds, sheffield = Area.objects.get(slug="leeds"), Area.objects.get(slug="sheffield")
    for (name, agency), n in GRID.items():
        if name == "Beta" and agency == "police":
            completions(programmes[name], agencies[agency], sheffield, n)  # Sheffield's 12
        else:
            completions(programmes[name], agencies[agency], leeds, n)
    return programmes


def marked(session, agency, attendance, n):
    Booking.objects.bulk_create(
        Booking(session=session, user=None, agency=agency, status="confirmed", attendance=attendance)
        for _ in range(n)
    )


def past_session(programme, **fields):
    return make_session(programme, starts_in=timedelta(days=-3), opened_ago=timedelta(days=20), **fields)
