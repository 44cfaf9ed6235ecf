"""Search backends side by side: Whoosh (ours) vs Wagtail's database backend (SQLite FTS).

    make bench        # or: .venv/bin/python -m tests.benchmarks.search_bench [--docs 10000]

Everything happens in a temporary DATA_DIR (SQLite database, Whoosh index, uploads),
removed at the end: the developer's data is never touched, and DATABASE_URL / SEARCH_URL
are ignored.

Corpus: N deterministic (seeded) case studies, created as real ``CaseStudyPage`` rows by
bulk paths (``Page`` rows with computed treebeard paths via ``bulk_create``, then the
``case_studies_casestudypage`` rows, agency / theme links and body StreamField text) --
the same search fields, filters and related fields as pages made in the admin, without
10,000 ``add_child()`` + publish round trips.

Both backends are built with the same code path (the ``update_index`` rebuild), then 50
fixed queries (single words, phrases, multi-word, filtered, misspelt) are run as a
results page would run them: ``count()`` plus the first 10 results loaded from the
database. Each query runs up to REPEAT times after a warm-up (fewer when a single run
takes seconds, to keep the whole run near 10 minutes); its latency is the median.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

WORDS_AGENCY = [
    "school",
    "GP",
    "health visitor",
    "police",
    "social worker",
    "early help worker",
    "housing officer",
    "youth offending team",
    "midwife",
    "school nurse",
    "designated safeguarding lead",
    "probation officer",
]
WORDS_CONCERN = [
    "neglect",
    "domestic abuse",
    "missed dental appointments",
    "school absence",
    "parental mental health",
    "substance misuse",
    "criminal exploitation",
    "online harm",
    "pre-birth concerns",
    "emotional abuse",
]
WORDS_ACTION = [
    "shared a worry",
    "called the front door",
    "held a multi-agency meeting",
    "sent a secure email",
    "used the shared system",
    "asked for advice on the consultation line",
    "made a referral",
    "gave feedback to the referrer",
    "talked to the family about consent",
    "checked the threshold guidance",
]
WORDS_OUTCOME = [
    "the child got support quickly",
    "the family accepted early help",
    "attendance improved",
    "the baby was safe at home",
    "a plan was agreed within a week",
    "the teenager stayed in school",
    "the mother engaged with the domestic abuse service",
    "the dental treatment happened",
]
WORDS_EXTRA = [
    "trust between agencies grew",
    "jargon was explained",
    "the shadowing placement helped",
    "supervision gave confidence",
    "data protection was not a barrier",
    "the champion followed up",
    "information overload was avoided",
    "the voice of the child was heard",
    "co-location made it easier",
]

QUERIES = {
    "single": [
        "consent",
        "neglect",
        "police",
        "school",
        "dental",
        "referral",
        "feedback",
        "threshold",
        "housing",
        "midwife",
        "trust",
        "supervision",
        "exploitation",
        "attendance",
        "jargon",
    ],
    "phrase": [
        '"early help"',
        '"secure email"',
        '"front door"',
        '"domestic abuse"',
        '"school nurse"',
        '"multi-agency meeting"',
        '"voice of the child"',
        '"mental health"',
        '"shared system"',
        '"data protection"',
    ],
    "multi": [
        "consent teenager",
        "school absence police",
        "dental neglect pathway",
        "health visitor baby",
        "domestic abuse referral",
        "feedback to referrer",
        "shadowing placement trust",
        "online harm school",
        "substance misuse parent",
        "threshold guidance advice",
    ],
    "filtered": [
        "consent|stage=referral",
        "neglect|stage=early-help",
        "police|year>=2020",
        "school|agency=education",
        "abuse|agency=police",
        "feedback|stage=child-protection",
        "trust|year<=2015",
        "dental|agency=health",
        "help|stage=referral",
        "referral|agency=childrens-social-care",
    ],
    "misspelt": ["consnet", "neglact", "polise", "shcool", "referal"],
}
REPEAT = 5  # samples per query (median taken) ...
SLOW = 1.0  # ... but a query slower than this (s) counts its warm-up run as a sample
BUDGET = 2.0  # ... and stops sampling after this many seconds


def setup_django(data_dir):
    os.environ["DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SEARCH_URL", None)
    os.environ.pop("SEARCH_BACKEND", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": os.path.join(data_dir, "whoosh_index"),
            "AUTO_UPDATE": False,
        },
        "database": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
    }
    assert settings.DATABASES["default"]["NAME"].startswith(data_dir), settings.DATABASES["default"]
    import logging

    logging.disable(logging.INFO)


def migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def sentence(rng, *lists):
    return " ".join(rng.choice(lst) for lst in lists)


def build_corpus(n, seed=1234):
    """Create ``n`` live CaseStudyPages under one index page. Returns seconds taken."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from case_studies.models import CaseStudyPage, CaseStudyTheme
    from case_studies.tests.factories import case_study_index
    from cms.taxonomy.models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme

    started = time.perf_counter()
    rng = random.Random(seed)
    index = case_study_index()
    agencies = list(Agency.objects.all())
    stages = list(JourneyStage.objects.all())
    themes = list(Theme.objects.all())
    evidence = list(EvidenceType.objects.all())
    concerns = list(ConcernType.objects.all())
    areas = list(Area.objects.all()) or [Area.objects.create(name="Leeds", slug="leeds")]
    ct = ContentType.objects.get_for_model(CaseStudyPage)
    locale = Locale.get_default()
    now = timezone.now()
    depth = index.depth + 1
    first_child = index.numchild + 1
    CaseStudyPage.agencies.through  # noqa: B018  (ensure the through model is ready)
    agency_through = CaseStudyPage.agencies.through
    concern_through = CaseStudyPage.concern_types.through

    with transaction.atomic():
        pages = []
        for i in range(n):
            title = (
                f"{rng.choice(['Child', 'Young person', 'Baby', 'Sibling'])} {chr(65 + i % 26)}: "
                + sentence(rng, WORDS_AGENCY, WORDS_ACTION)
            )
            slug = f"bench-{i}"
            pages.append(
                Page(
                    title=title[:255],
                    slug=slug,
                    content_type=ct,
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    path=Page._get_path(index.path, depth, first_child + i),
                    depth=depth,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    first_published_at=now,
                    last_published_at=now,
                    draft_title=title[:255],
                )
            )
        Page.objects.bulk_create(pages, batch_size=500)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + n)
        ids = list(
            Page.objects.filter(content_type=ct, slug__startswith="bench-")
            .order_by("path")
            .values_list("pk", flat=True)
        )

        fields = list(CaseStudyPage._meta.local_concrete_fields)
        rows = []
        links, concern_links, theme_links = [], [], []
        for pk in ids:
            body = [
                {
                    "type": "section",
                    "value": {
                        "heading": "The situation",
                        "text": "<p>"
                        + sentence(rng, WORDS_AGENCY, WORDS_CONCERN, WORDS_ACTION)
                        + ". "
                        + sentence(rng, WORDS_EXTRA)
                        + ".</p>",
                    },
                },
                {
                    "type": "section",
                    "value": {
                        "heading": "What made it work",
                        "text": "<p>"
                        + sentence(rng, WORDS_EXTRA)
                        + "; "
                        + sentence(rng, WORDS_EXTRA)
                        + ".</p>",
                    },
                },
            ]
            obj = CaseStudyPage(
                page_ptr_id=pk,
                summary=f"The {sentence(rng, WORDS_AGENCY)} {sentence(rng, WORDS_ACTION)} about "
                f"{sentence(rng, WORDS_CONCERN)}.",
                outcome=sentence(rng, WORDS_OUTCOME) + "; " + sentence(rng, WORDS_EXTRA) + ".",
                area=rng.choice(areas),
                year=rng.randint(2010, 2025),
                stage=rng.choice(stages),
                consent_position=rng.choice(
                    ["consent-given", "consent-refused", "not-sought-risk", "not-competent"]
                ),
                evidence_type=rng.choice(evidence),
                limitations=rng.choice(["", "One practitioner's account."]),
                review_due=now.date(),
            )
            obj.body = body
            rows.append(obj)
            for agency in rng.sample(agencies, rng.randint(1, 3)):
                links.append(agency_through(casestudypage_id=pk, agency_id=agency.pk))
            for concern in rng.sample(concerns, rng.randint(0, 2)):
                concern_links.append(concern_through(casestudypage_id=pk, concerntype_id=concern.pk))
            for theme in rng.sample(themes, rng.randint(1, 3)):
                theme_links.append(CaseStudyTheme(content_object_id=pk, tag_id=theme.pk))
        for start in range(0, len(rows), 400):
            CaseStudyPage._base_manager._insert(rows[start : start + 400], fields=fields)
        agency_through.objects.bulk_create(links, batch_size=1000)
        concern_through.objects.bulk_create(concern_links, batch_size=1000)
        CaseStudyTheme.objects.bulk_create(theme_links, batch_size=1000)
    return time.perf_counter() - started


def build_index(backend_name):
    from io import StringIO

    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", backend_name=backend_name, stdout=StringIO(), chunk_size=1000)
    return time.perf_counter() - started


def make_queryset(spec):
    from case_studies.models import CaseStudyPage
    from cms.taxonomy.models import JourneyStage

    qs = CaseStudyPage.objects.live()
    if "|" not in spec:
        return qs, spec
    text, flt = spec.split("|", 1)
    if flt.startswith("stage="):
        qs = qs.filter(stage=JourneyStage.objects.get(slug=flt[6:]).pk)
    elif flt.startswith("agency="):
        qs = qs.filter(agencies__slug=flt[7:])
    elif flt.startswith("year>="):
        qs = qs.filter(year__gte=int(flt[6:]))
    elif flt.startswith("year<="):
        qs = qs.filter(year__lte=int(flt[6:]))
    return qs, text


def run_query(backend, spec):
    from modelsearch.query import Phrase

    qs, text = make_queryset(spec)
    query = Phrase(text.strip('"')) if text.startswith('"') else text
    results = qs.search(query, backend=backend, operator="and" if not text.startswith('"') else None)
    total = results.count()
    first = list(results[:10])
    return total, len(first)


def time_queries(backend):
    per_query = {}
    hits = {}
    for group, specs in QUERIES.items():
        for spec in specs:
            started = time.perf_counter()
            total, _n = run_query(backend, spec)  # warm-up
            first = time.perf_counter() - started
            samples = [first] if first > SLOW else []
            # slow queries (seconds each) are sampled fewer times to bound the run time
            while len(samples) < REPEAT and sum(samples) < BUDGET:
                started = time.perf_counter()
                total, _n = run_query(backend, spec)
                samples.append(time.perf_counter() - started)
            per_query[(group, spec)] = statistics.median(samples)
            hits[(group, spec)] = total
    return per_query, hits


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="sts-bench-")
    total_started = time.perf_counter()
    try:
        setup_django(data_dir)
        print(f"Temporary DATA_DIR: {data_dir}")
        t = time.perf_counter()
        migrate()
        print(f"migrate: {time.perf_counter() - t:.1f}s")
        corpus_time = build_corpus(args.docs)
        print(f"corpus: {args.docs} CaseStudyPages in {corpus_time:.1f}s")

        build = {}
        for name in ("default", "database"):
            build[name] = build_index(name)
            print(f"index build ({name}): {build[name]:.1f}s")

        timings, hits = {}, {}
        for name in ("default", "database"):
            timings[name], hits[name] = time_queries(name)

        labels = {"default": "Whoosh", "database": "Database (SQLite)"}
        print()
        print(f"{'':34}{labels['default']:>14}{labels['database']:>20}{'Whoosh / DB':>14}")

        def row(label, w, d, unit="s", fmt="{:.2f}"):
            ratio = (w / d) if d else float("nan")
            print(f"{label:34}{(fmt.format(w) + unit):>14}{(fmt.format(d) + unit):>20}{ratio:>14.2f}")

        row(f"index build ({args.docs} docs)", build["default"], build["database"])
        w_all = list(timings["default"].values())
        d_all = list(timings["database"].values())
        row(
            "query median (50 queries)",
            statistics.median(w_all) * 1000,
            statistics.median(d_all) * 1000,
            "ms",
            "{:.1f}",
        )
        row("query p95 (50 queries)", p95(w_all) * 1000, p95(d_all) * 1000, "ms", "{:.1f}")
        for group in QUERIES:
            w = [v for (g, _), v in timings["default"].items() if g == group]
            d = [v for (g, _), v in timings["database"].items() if g == group]
            row(
                f"  median: {group}", statistics.median(w) * 1000, statistics.median(d) * 1000, "ms", "{:.1f}"
            )
        print()
        print("Result counts (Whoosh / database) -- backends analyse text differently, so they can differ:")
        for key in timings["default"]:
            print(f"  {key[0]:9} {key[1]:38} {hits['default'][key]:>6} / {hits['database'][key]:<6}")
        print(f"\nTotal run time: {time.perf_counter() - total_started:.0f}s")
        ok = statistics.median(w_all) <= statistics.median(d_all)
        print("Target (Whoosh median <= database median):", "met" if ok else "NOT met")
    finally:
        if args.keep:
            print(f"Kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
