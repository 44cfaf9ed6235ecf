"""Whoosh vs Wagtail's SQLite database backend on modelsearch's own test model.

    .venv/bin/python -m tests.benchmarks.search_modelsearch_bench [--docs 3000] [--json]

modelsearch ships a test app (``modelsearch.test.testapp``: ``Book`` with authors,
``Novel``, ``ProgrammingGuide`` ...) and the settings its backend tests run with; the
search conformance runner (``../shared/conformance``) configures Django from those
settings, and so does this script -- in its own process, as Django can only be set up
once. Wagtail's database backend on SQLite (``wagtail.search.backends.database``) is
modelsearch's ``modelsearch.backends.database``, which this uses.

N ``Book`` rows of report-like text (titles and summaries drawn deterministically, with a
Zipf-like word frequency, from a safeguarding-report vocabulary) and their authors are
created in a temporary SQLite database; both backends are built with
``rebuild_modelsearch_index``; then a fixed set of queries (common, mid-frequency and rare
words, several words with "and" / "or", phrases, filtered) runs as a results page runs
them: ``count()`` plus the first 10 results. Everything is removed at the end.

``--json`` prints one JSON object (build seconds and per-query medians per backend) as the
last line, for ``search_bench``.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

REPEAT = 7  # samples per query after a warm-up run; the median is taken

REPORT_WORDS = """
child children family parent parents mother father carer school nursery college health
visitor nurse midwife doctor practitioner social worker police officer housing team service
services agency agencies local authority council board partnership safeguarding risk harm
neglect abuse domestic emotional physical sexual exploitation criminal online concern
concerns referral referrals assessment assessments plan plans meeting meetings conference
review reviews strategy discussion information sharing shared share consent confidential
confidentiality record records recording chronology timeline evidence outcome outcomes
support help early intervention threshold thresholds decision decisions management manager
supervision training learning lesson lessons practice practitioners multi agency joint
working communication escalation professional professionals curiosity voice lived
experience home visit visits attendance absence education inclusion exclusion mental
substance misuse alcohol drugs disability needs special vulnerable adolescent teenager baby
infant pregnancy pre-birth unborn sibling siblings grandparent kinship foster placement
care leaver looked after residential court order protection section statutory guidance
policy procedure procedures audit findings recommendation recommendations action actions
improvement quality assurance inspection report ofsted judgement leadership governance
capacity workload caseload staff turnover recruitment retention commissioning budget
funding resources data system systems portal email telephone letter duty front door hub
mash triage screening contact contacts response timely delay delays missed opportunity
opportunities identified recognised understood reflected considered escalated referred
assessed reviewed agreed recorded shared completed attended offered provided received
engaged declined refused disclosed reported observed noted concerned worried unclear
consistent inconsistent effective ineffective robust limited significant serious
incident incidents injury injuries bruising hospital emergency department ambulance
midnight weekend holiday summer winter month week day year period time
""".split()


FUNCTION_WORDS = """
the of and to a in was that for with on is by at as it be had this from were not their
have which or an there been when they he she her his all would who but also after about
""".split()


def vocabulary(size=3000, seed=7):
    """Function words first (the most frequent words of any English text), then the
    report words, then made-up (pronounceable, deterministic) words for the long tail of a
    real vocabulary: names, places, jargon."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(FUNCTION_WORDS + [w for w in REPORT_WORDS if "-" not in w]))
    consonants, vowels = "bcdfghklmnprstvwz", "aeiou"
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_sampler(words, seed, s=1.05):
    rng = random.Random(seed)
    weights = [1.0 / (rank**s) for rank in range(1, len(words) + 1)]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def sample(n):
        return rng.choices(words, cum_weights=cumulative, k=n)

    return rng, sample


def setup_django(tmp):
    try:
        import dj_database_url  # noqa: F401  (modelsearch's test settings import it)
    except ImportError:  # pragma: no cover
        import types

        stub = types.ModuleType("dj_database_url")
        stub.config = lambda default=None, **kw: {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        sys.modules["dj_database_url"] = stub
    import django
    import modelsearch.test.settings as base
    from django.conf import settings

    config = {k: getattr(base, k) for k in dir(base) if k.isupper()}
    config["DATABASES"] = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(tmp, "db.sqlite3")}
    }
    config["MODELSEARCH_BACKENDS"] = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": os.path.join(tmp, "whoosh_index"),
            "AUTO_UPDATE": False,
        },
        "database": {"BACKEND": "modelsearch.backends.database", "AUTO_UPDATE": False},
    }
    config["DEBUG"] = False
    config["LOGGING_CONFIG"] = None
    settings.configure(**config)
    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def build_corpus(n, seed=2024):
    """``n`` Books (plus authors) of report-like text. Returns the words by frequency."""
    import datetime

    from django.db import transaction
    from modelsearch.test.testapp.models import Author, Book

    words = vocabulary()
    rng, sample = zipf_sampler(words, seed)

    def sentence(lo, hi):
        return " ".join(sample(rng.randint(lo, hi))).capitalize()

    with transaction.atomic():
        authors = Author.objects.bulk_create(
            [Author(name=f"{sentence(1, 1)} {sentence(1, 1)}") for _ in range(200)], batch_size=500
        )
        books = [
            Book(
                title=sentence(4, 9),
                summary=". ".join(sentence(8, 20) for _ in range(rng.randint(4, 8))) + ".",
                publication_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000)),
                number_of_pages=rng.randint(20, 600),
            )
            for _ in range(n)
        ]
        books = Book.objects.bulk_create(books, batch_size=500)
        through = Book.authors.through
        links = [
            through(book_id=book.pk, author_id=author.pk)
            for book in books
            for author in rng.sample(authors, rng.randint(1, 2))
        ]
        through.objects.bulk_create(links, batch_size=1000)
    return words


def queries(words):
    """Fixed queries, from the words' frequency ranks (0 = most frequent; the content
    words start after the function words)."""
    c = len(FUNCTION_WORDS)
    common = [words[c + i] for i in (0, 4, 12, 25)]
    mid = [words[c + i] for i in (60, 120, 200, 350, 500)]
    rare = [words[c + i] for i in (900, 1500, 2200)]
    out = [("word", w, {}) for w in common + mid + rare]
    out += [
        ("and", f"{words[c + 10]} {words[c + 80]}", {}),
        ("and", f"{words[c + 40]} {words[c + 150]}", {}),
        ("and", f"{words[c + 5]} {words[c + 25]} {words[c + 60]}", {}),
        ("or", f"{words[c + 300]} {words[c + 700]}", {"operator": "or"}),
        ("or", f"{words[c + 20]} {words[c + 400]}", {"operator": "or"}),
        ("phrase", f"{words[c + 1]} {words[c + 2]}", {"phrase": True}),
        ("phrase", f"{words[c + 14]} {words[c + 6]}", {"phrase": True}),
        ("filtered", words[c + 7], {"pages_gte": 300}),
        ("filtered", words[c + 45], {"published_after": 2010}),
        ("filtered", f"{words[c + 9]} {words[c + 33]}", {"pages_gte": 100, "published_after": 2005}),
    ]
    return out


def run_query(backend, text, options):
    import datetime

    from modelsearch.query import Phrase
    from modelsearch.test.testapp.models import Book

    qs = Book.objects.all()
    if "pages_gte" in options:
        qs = qs.filter(number_of_pages__gte=options["pages_gte"])
    if "published_after" in options:
        qs = qs.filter(publication_date__gte=datetime.date(options["published_after"], 1, 1))
    query = Phrase(text) if options.get("phrase") else text
    kwargs = {} if options.get("phrase") else {"operator": options.get("operator", "and")}
    results = qs.search(query, backend=backend, **kwargs)
    return results.count(), len(list(results[:10]))


def time_queries(backend, specs, repeat=REPEAT):
    medians, counts, first = [], [], []
    for _kind, text, options in specs:
        started = time.perf_counter()
        total, _n = run_query(backend, text, options)  # warm-up (the first run after indexing)
        first.append(time.perf_counter() - started)
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            run_query(backend, text, options)
            samples.append(time.perf_counter() - started)
        medians.append(statistics.median(samples))
        counts.append(total)
    return medians, counts, first


def build_index(backend):
    from io import StringIO

    from django.core.management import call_command

    started = time.perf_counter()
    call_command("rebuild_modelsearch_index", backend_name=backend, stdout=StringIO())
    return time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (last line)")
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="sts-bench-modelsearch-")
    try:
        setup_django(tmp)
        words = build_corpus(args.docs)
        specs = queries(words)
        out = {"docs": args.docs, "queries": [f"{kind}: {text}" for kind, text, _o in specs]}
        for name in ("default", "database"):
            out[f"build_{name}"] = build_index(name)
        for name in ("default", "database"):
            medians, counts, first = time_queries(name, specs, args.repeat)
            out[f"medians_{name}"] = medians
            out[f"counts_{name}"] = counts
            out[f"first_{name}"] = first
        if args.json:
            print(json.dumps(out))
        else:
            w, d = out["medians_default"], out["medians_database"]
            print(
                f"{args.docs} Books; build Whoosh {out['build_default']:.1f}s, "
                f"database {out['build_database']:.1f}s"
            )
            for label, a, b, ca, cb in zip(
                out["queries"], w, d, out["counts_default"], out["counts_database"], strict=True
            ):
                print(f"  {label:45} {a * 1000:7.2f} ms {b * 1000:7.2f} ms   {ca:>5} / {cb:<5}")
            print(
                f"median: Whoosh {statistics.median(w) * 1000:.2f} ms, "
                f"database {statistics.median(d) * 1000:.2f} ms"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
