"""Hypothesis throws odd input at everything a member of the public can send: the sign-up,
sign-in and password-reset forms, case study feedback (and the X-Forwarded-For chain the
rate limits of both read), the search page and its suggestions, and the case study
listing's filters. Any answer below 500 is fine; a
server error (or an exception out of the view) fails the test with the input that caused it.

Text includes control characters (NUL too), every Unicode plane but lone surrogates
(which cannot be sent in a URL or form), very long values and repeated parameters.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from case_studies.tests.factories import case_study_index, make_case_study

pytestmark = pytest.mark.django_db

REQUESTS = {"count": 0}

FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- strategies ---------------------------------------------------------------------------------

any_char = st.characters(blacklist_categories=("Cs",))  # everything but lone surrogates
control_char = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.just("\x7f")
nasty_text = st.one_of(
    st.text(any_char, max_size=40),
    st.text(control_char | any_char, min_size=1, max_size=20),
    st.text(any_char, min_size=300, max_size=5000),  # very long
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "%00",
            "' OR 1=1 --",
            '"><script>alert(1)</script>',
            "{{ 7*7 }}",
            "\u202e",
            "ＡＢＣ",  # fullwidth
            "NOT AND OR",
            "*",
            "?",
            "a" * 10_000,
            "😀" * 500,
            "(",
            ")",
            '"',
            "title:",
            "-",
            "AND",
        ]
    ),
)
emails = st.one_of(
    st.emails(),
    st.builds(lambda local, domain: f"{local}@{domain}", nasty_text, nasty_text),
    st.builds(lambda e: e + "\x00", st.emails()),
    st.builds(lambda n: "a" * n + "@example.org", st.integers(64, 5000)),
    nasty_text,
)
KNOWN_SLUGS = [
    "police",
    "health",
    "education",
    "early-help",
    "referral",
    "child-protection",
    "neglect",
    "consent",
    "think-family",
    "leeds",
    "Leeds",
    "E08000035",
    "practitioner-account",
    "case-study",
    "2022",
    "newest",
    "title",
]
param_value = st.one_of(st.sampled_from(KNOWN_SLUGS), nasty_text, st.integers(-(10**30), 10**30).map(str))
param_values = st.lists(param_value, max_size=4)
# Who the visitor is, as rate limits see it (cms/core/client_ip.py, allauth): the peer's
# address, the X-Forwarded-For chain (well-formed or not) and how many proxies are trusted.
ip_address = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
forwarded_for = st.one_of(
    st.none(),
    st.lists(ip_address, min_size=1, max_size=4).map(", ".join),
    st.lists(st.one_of(ip_address, nasty_text), min_size=1, max_size=4).map(",".join),
    nasty_text,
)
client_headers = st.builds(
    lambda remote, chain: {
        "REMOTE_ADDR": remote,
        **({"HTTP_X_FORWARDED_FOR": chain} if chain is not None else {}),
    },
    ip_address,
    forwarded_for,
)
trusted_proxies = st.sampled_from([0, 1, 2])


def query(names):
    """A query: some of `names` (each once or repeated) plus the odd unknown parameter."""
    known = st.dictionaries(st.sampled_from(names), param_values, max_size=len(names))
    unknown = st.dictionaries(st.text(any_char, min_size=1, max_size=12), param_values, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, unknown)


# -- helpers -----------------------------------------------------------------------------------


def send(client, method, url, data=None, **headers):
    REQUESTS["count"] += 1
    response = getattr(client, method)(url, data or {}, **headers)
    assert response.status_code < 500, (method, url, data, headers, response.status_code)
    return response


@pytest.fixture
def stories(db):
    """A few published (indexed) case studies, so searches have results, facets and pages."""
    index = case_study_index()
    pages = [
        make_case_study(
            f"Consent story {n}",
            state="published",
            agencies=agencies,
            themes=("consent",),
            summary="The school shared a worry about consent with the police.",
        )
        for n, agencies in enumerate([("police",), ("health", "education"), ("police", "early-help")])
    ]
    return index, pages


@pytest.fixture(scope="module", autouse=True)
def report_request_count(request):
    """Prints how many requests the fuzzing made (past pytest's output capture)."""
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nfuzzing: {REQUESTS['count']} requests to public forms and query parameters")


# -- the forms -------------------------------------------------------------------------------


@FUZZ
@given(email=emails, password1=nasty_text, password2=nasty_text, same=st.booleans())
def test_sign_up(client, email, password1, password2, same):
    send(
        client,
        "post",
        "/accounts/register/",
        {"email": email, "password1": password1, "password2": password1 if same else password2},
    )


@FUZZ
@given(
    login=emails,
    password=nasty_text,
    remember=st.sampled_from(["", "on", "\x00", "yes"]),
    headers=client_headers,
    proxies=trusted_proxies,
)
def test_sign_in(settings, practitioner, login, password, remember, headers, proxies):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    data = {"login": login, "password": password, "remember": remember}
    send(Client(), "post", "/accounts/login/", data, **headers)
    # the real account, with a wrong (random) password
    send(Client(), "post", "/accounts/login/", {**data, "login": practitioner.email}, **headers)


@FUZZ
@given(email=emails)
def test_password_reset(client, practitioner, email):
    send(client, "post", "/accounts/password/reset/", {"email": email})


@FUZZ
@given(
    useful=st.one_of(st.sampled_from(["yes", "no"]), nasty_text),
    comment=nasty_text,
    page_id=st.one_of(st.none(), st.integers(0, 2**64)),
    headers=client_headers,  # a new address each time mostly, so the rate limit rarely cuts in
    proxies=trusted_proxies,
)
def test_case_study_feedback(client, settings, stories, useful, comment, page_id, headers, proxies):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    page = stories[1][0]
    send(
        client,
        "post",
        f"/case-study-feedback/feedback/{page.pk if page_id is None else page_id}/",
        {"useful": useful, "comment": comment},
        **headers,
    )


# -- the query parameters ------------------------------------------------------------------------

SEARCH_PARAMS = [
    "q",
    "type",
    "agency",
    "stage",
    "concern",
    "theme",
    "area",
    "year",
    "evidence",
    "page",
    "sort",
]
LISTING_PARAMS = ["agency", "stage", "concern", "theme", "area", "year", "evidence", "sort", "page"]


@FUZZ
@given(
    params=query(SEARCH_PARAMS),
    q=st.one_of(st.sampled_from(["consent", "police consent", "consnet"]), nasty_text),
)
def test_search_page(client, stories, params, q):
    send(client, "get", "/search/", {"q": q, **params})


@FUZZ
@given(params=query(LISTING_PARAMS))
def test_case_study_listing(client, stories, params):
    send(client, "get", stories[0].url, params)


@FUZZ
@given(q=st.one_of(st.sampled_from(["co", "consent", "pol"]), nasty_text), params=query(["q"]))
def test_suggest(client, stories, q, params):
    send(client, "get", "/search/suggest/", {**params, "q": q})


# -- regressions found by fuzzing -------------------------------------------------------------------

HUGE = 2**63  # one past SQLite's (and PostgreSQL's bigint) largest integer

HUGE_ID_URLS = {
    "feedback": f"/case-study-feedback/feedback/{HUGE}/",
    "document": f"/documents/{HUGE}/x.txt",
    "document password": f"/documents/authenticate_with_password/{HUGE}/",
    "page password": f"/_util/authenticate_with_password/{HUGE}/{HUGE}/",
}


# Found by test_case_study_feedback: a page id past 2**63 was a 500 on SQLite (OverflowError).
@pytest.mark.parametrize("name", list(HUGE_ID_URLS))
def test_huge_ids_in_public_urls(client, stories, name):
    method = "post" if name in ("feedback", "document password", "page password") else "get"
    response = getattr(client, method)(HUGE_ID_URLS[name], {"useful": "yes", "password": "x"})
    assert response.status_code == 404
