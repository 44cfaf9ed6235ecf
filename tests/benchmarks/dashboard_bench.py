"""Learning dashboard benchmark: render time and SQL query count at 500 and 5,000
practitioners, against baselines measured in the same run.

    make bench        # or: .venv/bin/python -m tests.benchmarks.dashboard_bench
                      #     [--users 500,5000] [--events 100000] [--repeat 7] [--keep]

Data (generated with ``bulk_create``; deterministic, seeded): three live programmes,
eight scenarios with two decision points each, 60 sessions (half past, half upcoming);
per practitioner an agency and an area, one or two enrolments, a completion for about
four in ten, two bookings (marked on past sessions), and confidence answers before and
after for about a third. Learning events grow with the people: ``--events`` at the
largest size (100,000 by default), the same number per person at the smaller (viewed,
watched to the end and decision answers on the scenarios). The larger size is the smaller
plus more people and events.

Measured at each size, through Django's test client as a signed-in Trainer (the real view,
template and middleware): the page's median time over ``--repeat`` runs after a warm-up,
the figures alone (``figures.compute()``, every query and the suppression), and the SQL
queries per request. Baseline: the bare GROUP BY of the largest table (people who watched
each scenario to the end, one query), at the same size. Prints the page / baseline ratio,
the growth of the page's time from the smaller to the larger size, and whether the query
count is the same at both sizes (target: equal). Everything happens in a temporary DATA_DIR
(SQLite), removed at the end; DATABASE_URL is ignored.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

SEED = 1414
REPEAT = 7
AGENCY_WEIGHTS = {
    "police": 4,
    "health": 4,
    "education": 4,
    "childrens-social-care": 3,
    "early-help": 2,
    "housing": 1,
    "voluntary-sector": 1,
    "youth-justice": 1,
    "adult-services": 1,
}
AREAS = ["leeds", "sheffield", "newham", "durham", "norfolk", "hertfordshire"]


def setup_django(data_dir):
    os.environ["DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    assert settings.DATABASES["default"]["NAME"].startswith(data_dir), settings.DATABASES["default"]
    import logging

    logging.disable(logging.INFO)


def migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


class World:
    """The content (programmes, scenarios, sessions), then people added in batches."""

    def __init__(self, rng):
        from datetime import timedelta

        from django.utils import timezone

        from cms.taxonomy.models import Agency, Area
        from training.tests.factories import decision_point, make_scenario
        from training.tests.session_factories import make_programme, make_session, make_venue

        self.rng = rng
        self.now = timezone.now()
        agencies = {agency.slug: agency for agency in Agency.objects.all()}
        self.agencies = [agencies[slug] for slug in AGENCY_WEIGHTS]
        self.weights = list(AGENCY_WEIGHTS.values())
        self.areas = list(Area.objects.filter(slug__in=AREAS))
        self.programmes = [make_programme(f"Benchmark induction {n}") for n in range(1, 4)]
        self.scenarios = [
            make_scenario(
                f"Benchmark scenario {n}",
                decision_points=[decision_point("0:30"), decision_point("1:30", question="And then?")],
            )
            for n in range(1, 9)
        ]
        from training.progress import decision_points

        self.points = {page.pk: decision_points(page) for page in self.scenarios}
        venue = make_venue("Benchmark Centre")
        self.sessions = [
            make_session(
                self.programmes[n % 3],
                venue=venue,
                capacity=500,
                starts_in=timedelta(days=(n - 30) * 3 + 1),
                opened_ago=timedelta(days=200),
                title=f"Benchmark day {n}",
            )
            for n in range(60)
        ]
        self.users = 0

    def add_people(self, count, events):
        from django.contrib.auth.models import Group
        from django.contrib.contenttypes.models import ContentType
        from django.db import transaction

        from cms.learning_record.models import LearningEvent, Verb
        from cms.users import roles
        from cms.users.models import User
        from training.choices import Attendance, BookingStatus, ConfidenceStage, ConfidenceStatement
        from training.models import Booking, ConfidenceResponse, Enrolment, ProgrammeCompletion, ScenarioPage

        rng, now = self.rng, self.now
        start = self.users
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"bench-{n}@example.org",
                    password="!",  # unusable: nobody signs in as them
                    display_name=f"Bench {n}",
                    agency=rng.choices(self.agencies, self.weights)[0],
                    area=rng.choice(self.areas),
                )
                for n in range(start, start + count)
            )
            practitioners = Group.objects.get(name=roles.PRACTITIONER)
            User.groups.through.objects.bulk_create(
                User.groups.through(user_id=user.pk, group_id=practitioners.pk) for user in users
            )
            enrolments, completions, bookings, answers = [], [], [], []
            statements = ConfidenceStatement.values
            for user in users:
                for programme in rng.sample(self.programmes, rng.choice((1, 1, 2))):
                    enrolments.append(Enrolment(user=user, programme=programme, started_at=now))
                    if rng.random() < 0.4:
                        completions.append(
                            ProgrammeCompletion(
                                user=user,
                                programme=programme,
                                agency=user.agency,
                                area=user.area,
                                started_at=now,
                                completed_at=now,
                            )
                        )
                    if rng.random() < 0.33:
                        for statement in statements:
                            before = rng.randint(1, 4)
                            for stage, score in (
                                (ConfidenceStage.BEFORE, before),
                                (ConfidenceStage.AFTER, min(5, before + rng.choice((0, 1, 1, 2)))),
                            ):
                                answers.append(
                                    ConfidenceResponse(
                                        user=user,
                                        programme=programme,
                                        stage=stage,
                                        statement=statement,
                                        score=score,
                                    )
                                )
                for session in rng.sample(self.sessions, 2):
                    past = session.starts_at <= now
                    bookings.append(
                        Booking(
                            session=session,
                            user=user,
                            agency=user.agency,
                            status=BookingStatus.CONFIRMED,
                            attendance=rng.choice(
                                [Attendance.ATTENDED] * 8 + [Attendance.ABSENT, Attendance.LATE_CANCELLATION]
                            )
                            if past
                            else Attendance.UNMARKED,
                        )
                    )
            Enrolment.objects.bulk_create(enrolments, batch_size=2000)
            ProgrammeCompletion.objects.bulk_create(completions, batch_size=2000)
            ConfidenceResponse.objects.bulk_create(answers, batch_size=2000)
            Booking.objects.bulk_create(bookings, batch_size=2000)

            content_type = ContentType.objects.get_for_model(ScenarioPage)
            rows = []
            for _ in range(events):
                user = rng.choice(users)
                page = rng.choice(self.scenarios)
                kind = rng.random()
                if kind < 0.4:
                    verb, data = Verb.VIEWED, {}
                elif kind < 0.6:
                    verb, data = Verb.WATCHED_TO_END, {"percent": 95}
                else:
                    point = rng.choice(self.points[page.pk])
                    option = rng.choice(point.options)
                    verb = Verb.ANSWERED_DECISION_POINT
                    data = {"point": point.index, "option": option.index, "block": point.block_id}
                rows.append(
                    LearningEvent(
                        user=user,
                        verb=verb,
                        content_type=content_type,
                        object_id=page.pk,
                        data=data,
                        occurred_at=now,
                    )
                )
            LearningEvent.objects.bulk_create(rows, batch_size=5000)
        self.users += count


def sample(fn, repeat):
    """(first, median) of ``fn``'s time: one warm-up run, then ``repeat`` runs."""
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times)


def measure(client, repeat):
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from cms.learning_record.models import Verb
    from training.dashboard import figures
    from training.models import ScenarioPage

    def page():
        response = client.get("/admin/learning-dashboard/")
        assert response.status_code == 200, response.status_code

    def bare():
        list(
            figures.everyone_events(Verb.WATCHED_TO_END, ScenarioPage)
            .order_by()
            .values("object_id")
            .annotate(n=Count("user", distinct=True))
        )

    first, page_median = sample(page, repeat)
    _first, figures_median = sample(figures.compute, repeat)
    _first, bare_median = sample(bare, repeat)
    with CaptureQueriesContext(connection) as queries:
        page()
    return {
        "first": first,
        "page": page_median,
        "figures": figures_median,
        "bare": bare_median,
        "queries": len(queries),
    }


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--users", default="500,5000", help="practitioners, smallest first (default 500,5000)"
    )
    parser.add_argument("--events", type=int, default=100_000, help="learning events at the largest size")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.users.split(",")]
    per_person = args.events / sizes[-1]
    started = time.perf_counter()
    data_dir = tempfile.mkdtemp(prefix="sts-dashboard-bench-")
    try:
        setup_django(data_dir)
        print(f"Temporary DATA_DIR: {data_dir}")
        t = time.perf_counter()
        migrate()
        print(f"migrate: {time.perf_counter() - t:.1f}s")
        from django.test import Client

        from cms.learning_record.models import LearningEvent
        from cms.users import roles
        from training.tests.session_factories import make_person

        t = time.perf_counter()
        world = World(random.Random(SEED))
        client = Client()
        client.force_login(make_person("police", role=roles.TRAINER))
        print(f"content (3 programmes, 8 scenarios, 60 sessions): {time.perf_counter() - t:.1f}s")
        results = {}
        for size in sizes:
            t = time.perf_counter()
            target_events = round(per_person * size)
            world.add_people(size - world.users, target_events - LearningEvent.objects.count())
            events = LearningEvent.objects.count()
            print(
                f"{size} practitioners, {events} learning events: generated in {time.perf_counter() - t:.1f}s"
            )
            results[size] = measure(client, args.repeat)
            results[size]["events"] = events
        print()
        print("The learning dashboard (/admin/learning-dashboard/, test client, signed-in Trainer)")
        print(
            f"    {'practitioners':>14}{'events':>9}{'page median':>14}{'first run':>12}"
            f"{'figures only':>14}{'bare query':>12}{'page/bare':>11}{'SQL':>6}"
        )
        for size in sizes:
            row = results[size]
            print(
                f"    {size:>14}{row['events']:>9}{ms(row['page']):>14}{ms(row['first']):>12}"
                f"{ms(row['figures']):>14}{ms(row['bare']):>12}"
                f"{row['page'] / row['bare']:>10.1f}x{row['queries']:>6}"
            )
        small, large = results[sizes[0]], results[sizes[-1]]
        growth = large["page"] / small["page"]
        same = len({results[size]["queries"] for size in sizes}) == 1
        print(
            f"    page median growth {sizes[0]} -> {sizes[-1]} practitioners "
            f"({sizes[-1] / sizes[0]:.0f}x the people and events): {growth:.2f}x"
        )
        print(
            f"    SQL queries per request equal at {' and '.join(map(str, sizes))}: "
            + ("yes" if same else "no: " + ", ".join(str(results[size]["queries"]) for size in sizes))
        )
        print()
        print("Targets (against baselines measured in this run)")
        print(f"  SQL query count constant in the number of people and events: {'met' if same else 'MISSED'}")
        print(
            f"  page median at {sizes[-1]}: {ms(large['page'])}, "
            f"{large['page'] / large['bare']:.1f}x the bare GROUP BY (for reference)"
        )
    finally:
        if args.keep:
            print(f"Kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"Total run time: {time.perf_counter() - started:.0f}s")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
