"""Search benchmark: our Whoosh backend against baselines measured in the same run.

    make bench        # or: .venv/bin/python -m tests.benchmarks.search_bench [--sizes 1000,5000]

Prints every figure as a ratio to its baseline from this run, with a met / MISSED verdict
per target:

(a) modelsearch's own test model (``Book``; :mod:`.search_modelsearch_bench`, run in a
    separate process with modelsearch's test settings): 3,000 documents of report-like
    text. Whoosh vs Wagtail's SQLite database backend: median query time (target: at most
    1.0x) and index build time.
(b) Our case studies, at 1,000 and 5,000 stories: the Whoosh median of 50 fixed queries
    (single words, phrases, several words, filtered, misspelt) run as a results page runs
    them -- ``count()`` plus the first 10 results loaded from the database -- and its
    growth from 1,000 to 5,000 (target: at most 2x); index build (``update_index``),
    Whoosh vs Wagtail's database backend (target: at most 1.0x at 5,000). The database
    backend's query median at 1,000 is shown for reference.
(c) The whole /search/ page through Django's test client (the real view, with facets,
    highlights, suggestions, the template): its median at 5,000 against the bare query
    (target: at most 1.5x), and its SQL query count per request at 1,000 and 5,000 (target:
    equal). Repeated requests are served from the page's cache (search/page_cache.py), as
    the bare query's repeats are from the index's; the same requests computed afresh
    (cache off) are printed beside them, and the first request after the index build.

Medians are over repeated runs after a warm-up run; the warm-up ("first run", cold caches
after an index build) is shown too. Everything happens in temporary directories (SQLite
database, Whoosh index, uploads), removed at the end: the developer's data is never
touched, and DATABASE_URL / SEARCH_URL are ignored.

Corpus: deterministic (seeded) case studies, created as real ``CaseStudyPage`` rows by
bulk paths (``Page`` rows with computed treebeard paths via ``bulk_create``, then the
``case_studies_casestudypage`` rows with body StreamField text, agency / concern / theme
links) -- the same search fields, filters and related fields as pages made in the admin,
without thousands of ``add_child()`` + publish round trips. The 5,000-story corpus is the
1,000-story one plus 4,000 more.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
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
REPEAT = 9  # samples per query after a warm-up run (median taken) ...
BUDGET = 1.5  # ... but a query stops sampling after this many seconds (slow database queries)

#: Requests for the /search/ page (c): plain queries (one with a compound word and
#: misspellings, which get "did you mean"), then a chosen facet and a second page.
PAGE_QUERIES = [
    {"q": "consent"},
    {"q": "police"},
    {"q": "neglect"},
    {"q": "school absence"},
    {"q": "domestic abuse referral"},
    {"q": "early help"},
    {"q": "pre-birth"},
    {"q": "consnet"},
    {"q": "referal"},
    {"q": "consent", "agency": "police"},
    {"q": "school", "page": "2"},
]
PAGE_TIMED = 9  # the plain queries (the first PAGE_TIMED) are timed against the bare query

TARGETS = {
    "modelsearch_query": 1.0,
    "growth": 2.0,
    "build": 1.0,
    "page": 1.5,
}


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


def build_corpus(n, seed=1234, offset=0):
    """Create ``n`` live CaseStudyPages (numbered from ``offset``) under the case study
    index. Returns seconds taken."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from case_studies.models import CaseStudyPage, CaseStudyTheme
    from case_studies.tests.factories import case_study_index
    from cms.taxonomy.models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme

    started = time.perf_counter()
    rng = random.Random(seed + offset)
    index = case_study_index()
    index.refresh_from_db()
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
    agency_through = CaseStudyPage.agencies.through
    concern_through = CaseStudyPage.concern_types.through

    with transaction.atomic():
        pages = []
        slugs = []
        for i in range(n):
            title = (
                f"{rng.choice(['Child', 'Young person', 'Baby', 'Sibling'])} {chr(65 + i % 26)}: "
                + sentence(rng, WORDS_AGENCY, WORDS_ACTION)
            )
            slug = f"bench-{offset + i}"
            slugs.append(slug)
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
            Page.objects.filter(content_type=ct, slug__in=slugs).order_by("path").values_list("pk", flat=True)
        )

        fields = list(CaseStudyPage._meta.local_concrete_fields)
        rows = []
        links, concern_links, theme_links = [], [], []
        for pk in ids:
            body = [
                {
                    "type": "situation",
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
                    "type": "situation",
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
            obj.body = body  # raw StreamField data: block type names as in CaseStudyBodyBlock
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
    """What a results page asks of the backend: the count, then the first 10 results."""
    from modelsearch.query import Phrase

    qs, text = make_queryset(spec)
    query = Phrase(text.strip('"')) if text.startswith('"') else text
    results = qs.search(query, backend=backend, operator="and" if not text.startswith('"') else None)
    total = results.count()
    first = list(results[:10])
    return total, len(first)


def sample(fn, repeat=REPEAT, budget=BUDGET):
    """``(first, median, last_result)``: one warm-up run, then at least one and up to
    ``repeat`` samples (fewer when they take over ``budget`` seconds in all). The last result
    is always a warm run's, so what it reports (e.g. its SQL count) is never the cold one's."""
    started = time.perf_counter()
    result = fn()
    first = time.perf_counter() - started
    samples = []
    while len(samples) < repeat and (not samples or sum(samples) < budget):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return first, statistics.median(samples or [first]), result


def time_queries(backend, specs, repeat=REPEAT):
    medians, firsts, hits = {}, {}, {}
    for spec in specs:
        first, median, (total, _n) = sample(lambda spec=spec: run_query(backend, spec), repeat)
        medians[spec], firsts[spec], hits[spec] = median, first, total
    return medians, firsts, hits


class PageTimer:
    """Where a /search/ request's time goes: SQL (count and time, via an execute wrapper)
    and the search backend's own calls (Whoosh evaluation, result loading, facets,
    highlights, suggestions -- including the SQL they run)."""

    def __init__(self):
        self.sql_time = 0.0
        self.sql_count = 0
        self.backend_time = 0.0
        self._depth = 0

    def sql(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_time += time.perf_counter() - started
            self.sql_count += 1

    def wrap(self, owner, name):
        original = getattr(owner, name)
        timer = self

        def timed(*args, **kwargs):
            timer._depth += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timer._depth -= 1
                if not timer._depth:
                    timer.backend_time += time.perf_counter() - started

        setattr(owner, name, timed)

    def install(self):
        from search.backends.whoosh import WhooshSearchBackend, WhooshSearchResults

        for name in ("_evaluation", "_do_search", "_do_count", "facets"):
            self.wrap(WhooshSearchResults, name)
        for name in ("highlight", "suggest"):
            self.wrap(WhooshSearchBackend, name)

    def reset(self):
        self.sql_time = self.backend_time = 0.0
        self.sql_count = 0


def time_page(client, timer, params_list, repeat=REPEAT):
    """Per request: ``(first, median, sql_count, sql_ms, backend_ms)`` (the last three from
    the last run)."""
    from django.db import connection

    out = []
    for params in params_list:

        def get(params=params):
            timer.reset()
            with connection.execute_wrapper(timer.sql):
                response = client.get("/search/", params)
            assert response.status_code == 200, (params, response.status_code)
            return timer.sql_count, timer.sql_time, timer.backend_time

        first, median, (sql_count, sql_time, backend_time) = sample(get, repeat)
        out.append((first, median, sql_count, sql_time, backend_time))
    return out


def without_page_cache():
    """Every /search/ request computed afresh (search/page_cache.py's cache off)."""
    from django.test import override_settings

    from cms.settings.base import CACHES

    return override_settings(
        CACHES={**CACHES, "search_pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    )


def run_modelsearch_part(docs, repeat):
    """Part (a), in its own process (Django is set up once per process)."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.search_modelsearch_bench",
        "--docs",
        str(docs),
        "--repeat",
        str(repeat + 2),
        "--json",
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"modelsearch benchmark failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def verdict(ok):
    return "met" if ok else "MISSED"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,5000", help="corpus sizes, smallest first (default 1000,5000)"
    )
    parser.add_argument("--modelsearch-docs", type=int, default=3000)
    parser.add_argument("--parts", default="abc", help="which parts to run (default abc)")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    small, large = sizes[0], sizes[-1]
    specs = [spec for group in QUERIES.values() for spec in group]
    verdicts = []
    total_started = time.perf_counter()

    if "a" in args.parts:
        t = time.perf_counter()
        ms_out = run_modelsearch_part(args.modelsearch_docs, args.repeat)
        w, d = statistics.median(ms_out["medians_default"]), statistics.median(ms_out["medians_database"])
        wf, df = statistics.median(ms_out["first_default"]), statistics.median(ms_out["first_database"])
        bw, bd = ms_out["build_default"], ms_out["build_database"]
        print(
            f"(a) modelsearch's test model, {ms_out['docs']} Books of report text "
            f"({time.perf_counter() - t:.0f}s)"
        )
        print(f"    {'':32}{'Whoosh':>12}{'SQLite db':>12}{'ratio':>8}")
        print(f"    {'query median':32}{ms(w):>12}{ms(d):>12}{w / d:>7.2f}x")
        print(f"    {'query median, first run':32}{ms(wf):>12}{ms(df):>12}{wf / df:>7.2f}x")
        print(f"    {'index build':32}{bw:>11.1f}s{bd:>11.1f}s{bw / bd:>7.2f}x")
        verdicts.append(
            (
                f"(a) query median, Whoosh / SQLite database backend ({ms_out['docs']} docs)",
                w / d,
                TARGETS["modelsearch_query"],
            )
        )
        print()

    if not ({"b", "c"} & set(args.parts)):
        return report(verdicts, total_started)

    data_dir = tempfile.mkdtemp(prefix="sts-bench-")
    try:
        setup_django(data_dir)
        print(f"Temporary DATA_DIR: {data_dir}")
        t = time.perf_counter()
        migrate()
        print(f"migrate: {time.perf_counter() - t:.1f}s")
        from django.test import Client

        timer = PageTimer()
        timer.install()
        client = Client()
        done = 0
        by_size = {}
        for size in sizes:
            corpus_time = build_corpus(size - done, offset=done)
            done = size
            row = by_size[size] = {}
            row["build"] = {name: build_index(name) for name in ("default", "database")}
            print(
                f"{size} stories: corpus {corpus_time:.1f}s, index build Whoosh "
                f"{row['build']['default']:.1f}s, database {row['build']['database']:.1f}s"
            )
            if "b" in args.parts:
                row["whoosh"] = time_queries("default", specs, args.repeat)
                if size == small:
                    row["database"] = time_queries("database", specs, max(1, args.repeat // 2))
            if "c" in args.parts:
                row["page"] = time_page(client, timer, PAGE_QUERIES, args.repeat)
                with without_page_cache():
                    row["uncached"] = time_page(client, timer, PAGE_QUERIES, args.repeat)
                timed = [params["q"] for params in PAGE_QUERIES[:PAGE_TIMED]]
                row["bare"] = time_queries("default", timed, args.repeat)
        print(f"(run so far {time.perf_counter() - total_started:.0f}s)")
        print()

        if "b" in args.parts:
            print("(b) case studies: query medians (count + first 10), Whoosh unless stated")
            header = "".join(f"{f'{size}':>12}" for size in sizes)
            print(f"    {'':30}{header}{f'{small} db':>12}")
            for group in ["all"] + list(QUERIES):
                cells = []
                for size in sizes:
                    medians = by_size[size]["whoosh"][0]
                    values = [v for (k, v) in medians.items() if group == "all" or k in QUERIES[group]]
                    cells.append(f"{ms(statistics.median(values)):>12}")
                db = by_size[small]["database"][0]
                values = [v for (k, v) in db.items() if group == "all" or k in QUERIES[group]]
                print(f"    {'median: ' + group:30}{''.join(cells)}{ms(statistics.median(values)):>12}")
            cells = "".join(f"{ms(p95(list(by_size[size]['whoosh'][0].values()))):>12}" for size in sizes)
            print(f"    {'p95':30}{cells}{ms(p95(list(by_size[small]['database'][0].values()))):>12}")
            cells = "".join(
                f"{ms(statistics.median(by_size[size]['whoosh'][1].values())):>12}" for size in sizes
            )
            print(f"    {'median, first run (cold)':30}{cells}")
            cells = "".join(f"{sum(by_size[size]['whoosh'][2].values()):>12}" for size in sizes)
            print(f"    {'hits, all 50 queries':30}{cells}{sum(by_size[small]['database'][2].values()):>12}")
            growth = statistics.median(by_size[large]["whoosh"][0].values()) / statistics.median(
                by_size[small]["whoosh"][0].values()
            )
            print(f"    Whoosh median growth {small} -> {large}: {growth:.2f}x")
            verdicts.append(
                (f"(b) Whoosh query median growth, {small} -> {large} stories", growth, TARGETS["growth"])
            )
            print()
        print("(b) index build (update_index)")
        for size in sizes:
            build = by_size[size]["build"]
            ratio = build["default"] / build["database"]
            print(
                f"    {size:>6} stories: Whoosh {build['default']:.1f}s, database {build['database']:.1f}s, "
                f"ratio {ratio:.2f}x"
            )
        build = by_size[large]["build"]
        verdicts.append(
            (
                f"(b) index build, Whoosh / database backend ({large} stories)",
                build["default"] / build["database"],
                TARGETS["build"],
            )
        )
        print()

        if "c" in args.parts:
            print("(c) the /search/ page (test client, real view and template) vs the bare query")
            print(
                f"    {'request':36}"
                + "".join(f"{f'{size}: ms':>12}{'SQL':>5}" for size in sizes)
                + f"{'bare ms':>10}{'whoosh ms':>11}{'sql ms':>8}{'uncached':>10}"
            )
            for i, params in enumerate(PAGE_QUERIES):
                label = "&".join(f"{k}={v}" for k, v in params.items())
                cells = "".join(
                    f"{by_size[size]['page'][i][1] * 1000:>12.1f}{by_size[size]['page'][i][2]:>5}"
                    for size in sizes
                )
                page_large = by_size[large]["page"][i]
                bare = by_size[large]["bare"][0].get(params["q"]) if i < PAGE_TIMED else None
                bare_cell = f"{bare * 1000:>10.1f}" if bare is not None else f"{'':>10}"
                print(
                    f"    {label:36}{cells}{bare_cell}"
                    f"{page_large[4] * 1000:>11.1f}{page_large[3] * 1000:>8.1f}"
                    f"{by_size[large]['uncached'][i][1] * 1000:>10.1f}"
                )
            page = statistics.median(by_size[large]["page"][i][1] for i in range(PAGE_TIMED))
            bare = statistics.median(by_size[large]["bare"][0].values())
            backend = statistics.median(by_size[large]["page"][i][4] for i in range(PAGE_TIMED))
            sql = statistics.median(by_size[large]["page"][i][3] for i in range(PAGE_TIMED))
            print(
                f"    {large} stories: page median {ms(page)} (of which search backend {ms(backend)}, "
                f"SQL {ms(sql)}), bare query median {ms(bare)}: {page / bare:.2f}x"
            )
            uncached = statistics.median(by_size[large]["uncached"][i][1] for i in range(PAGE_TIMED))
            first = statistics.median(by_size[large]["page"][i][0] for i in range(PAGE_TIMED))
            print(
                f"    Computed afresh (first request for a query, or the page cache off): median "
                f"{ms(uncached)}, {uncached / bare:.2f}x the bare query (first after the index build: "
                f"{ms(first)}); repeats within an index state and content version are served from it"
            )
            verdicts.append(
                (
                    f"(c) /search/ page median / bare query median ({large} stories)",
                    page / bare,
                    TARGETS["page"],
                )
            )
            counts = {size: [row[2] for row in by_size[size]["page"]] for size in sizes}
            differ = [
                "&".join(f"{k}={v}" for k, v in params.items())
                for i, params in enumerate(PAGE_QUERIES)
                if len({counts[size][i] for size in sizes}) > 1
            ]
            print(
                f"    SQL queries per request equal at {' and '.join(map(str, sizes))}: "
                + ("yes" if not differ else f"no, for {', '.join(differ)}")
            )
            verdicts.append(
                (
                    f"(c) /search/ SQL query count, {small} vs {large} stories (requests that differ)",
                    float(len(differ)),
                    0.0,
                )
            )
            print()
    finally:
        if args.keep:
            print(f"Kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    return report(verdicts, total_started)


def report(verdicts, started):
    print("Targets (ratios against baselines measured in this run)")
    missed = 0
    for label, value, target in verdicts:
        ok = value <= target
        missed += not ok
        print(f"  {label}: {value:.2f} (target <= {target:g}): {verdict(ok)}")
    print(f"Total run time: {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
