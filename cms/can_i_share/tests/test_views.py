"""The public pages: start -> one question per page -> outcome, with nothing stored but
anonymous path counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from case_studies.tests.factories import make_case_study
from cms.can_i_share.models import DecisionTree, PathCount
from cms.can_i_share.tree import paths as tree_paths
from cms.taxonomy.models import Agency

pytestmark = pytest.mark.django_db

START = "/can-i-share/"
# The demo tree: purpose (Yes) -> identifiable (Yes) -> confidential (Yes) -> consent
# (Yes, they agreed) -> necessary (Yes) -> secure (Yes) -> the "share" outcome.
SHARE_PATH = [1, 1, 1, 1, 1, 1]


def follow_form(client, response, answer):
    """Submit the question page's form as a browser would: GET with its hidden path."""
    html = response.content.decode()
    action = re.search(
        r'<form action="([^"]+)" method="get" novalidate class="app-can-i-share-form"', html
    ).group(1)
    path = re.search(r'name="path" value="([^"]*)"', html).group(1)
    data = {"path": path}
    if answer is not None:
        data["answer"] = str(answer)
    return client.get(action, data)


def walk_to_outcome(client, answers):
    response = client.get(START)
    first = re.search(r'href="([^"]+)" role="button"', response.content.decode()).group(1)
    response = client.get(first)
    for answer in answers:
        assert response.status_code == 200
        response = follow_form(client, response, answer)
        assert response.status_code == 302
        response = client.get(response["Location"])
    return response


def test_start_page(client, live_tree):
    response = client.get(START)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Can I share?" in html
    assert "call 999" in html
    assert 'class="govuk-button govuk-button--start"' in html
    assert 'href="/can-i-share/purpose/"' in html
    assert "nothing to type" in html and "anonymously" in html
    assert "Not sharing has a cost too" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_walk_from_start_to_the_share_outcome(client, live_tree):
    response = walk_to_outcome(client, SHARE_PATH)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/can-i-share/result/"
    html = response.content.decode()
    assert "Share the information</h1>" in html
    assert "Why: your answers" in html
    # each question, the answer chosen and its reason, in order
    assert html.count('class="govuk-summary-list__row"') == len(SHARE_PATH)
    assert "Is there a clear and legitimate purpose for sharing the information?" in html
    assert "There is a clear and legitimate purpose for sharing" in html
    # the plain-text record, the print instruction and start again
    note = html.split('class="app-case-note"', 1)[1].split("</div>", 1)[0]
    assert "I am sharing only the information needed for this purpose" in note
    assert "Decision: Share the information." in note
    assert "Print this summary" in html
    assert 'href="/can-i-share/">Start again' in html
    assert "Telling the family" not in html


def test_share_without_consent_outcome_tells_about_the_family(client, live_tree):
    # purpose Yes, identifiable Yes, confidential Yes, consent "No, they said no",
    # without-consent Yes, necessary Yes, secure Yes, tell-family "No, it is safe to tell them"
    response = walk_to_outcome(client, [1, 1, 1, 2, 1, 1, 1, 1])
    html = response.content.decode()
    assert "Share without consent, and tell the family</h1>" in html
    assert "Telling the family" in html
    assert "Tell the family what you have shared" in html
    assert "govuk-panel--confirmation" in html


def test_every_outcome_page_renders(client, live_tree):
    seen = set()
    for path in tree_paths(live_tree.nodes):
        if path.node_ids[-1] in seen:
            continue
        seen.add(path.node_ids[-1])
        response = client.get("/can-i-share/result/", {"path": ".".join(map(str, path.answers))})
        assert response.status_code == 200, path
    assert seen == {
        "share",
        "share-without-consent-tell",
        "share-without-consent-do-not-tell",
        "seek-advice",
        "pause",
        "no-need",
    }


def test_question_page_is_a_get_form_with_radios_and_a_back_link(client, live_tree):
    response = client.get("/can-i-share/confidential/", {"path": "1.1"})
    html = response.content.decode()
    assert '<form action="/can-i-share/answer/" method="get"' in html
    assert '<input type="hidden" name="path" value="1.1">' in html
    assert re.search(
        r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">\s*<span[^>]*>[^<]*</span>\s*<h1',
        html,
    )
    assert html.count('name="answer" type="radio"') == 3
    assert 'id="answer-hint"' in html
    # back to the previous question, with the answer given there chosen
    assert 'href="/can-i-share/identifiable/?path=1&amp;answer=1" class="govuk-back-link"' in html
    first = client.get("/can-i-share/purpose/").content.decode()
    assert 'href="/can-i-share/" class="govuk-back-link"' in first


def test_coming_back_shows_the_previous_answer_chosen(client, live_tree):
    html = client.get("/can-i-share/identifiable/", {"path": "1", "answer": "3"}).content.decode()
    assert 'value="3" checked' in html
    assert html.count("checked") == 1
    assert (
        "checked"
        not in client.get("/can-i-share/identifiable/", {"path": "1", "answer": "²"}).content.decode()
    )


def test_missing_answer_shows_the_question_with_an_error_summary(client, live_tree):
    response = client.get("/can-i-share/answer/", {"path": "1.1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#answer">Select an answer</a>' in html
    assert 'id="answer-error"' in html and "govuk-form-group--error" in html
    assert 'id="answer" name="answer" type="radio"' in html
    assert "Was the information given in confidence" in html
    assert not PathCount.objects.exists()


@pytest.mark.parametrize("answer", ["9", "0", "x", "-1", "²", "1" * 30])
def test_an_answer_that_is_not_offered_is_treated_as_missing(client, live_tree, answer):
    response = client.get("/can-i-share/answer/", {"path": "1.1", "answer": answer})
    assert response.status_code == 200
    assert "Select an answer" in response.content.decode()


def test_answer_redirects_to_the_next_question(client, live_tree):
    response = client.get("/can-i-share/answer/", {"path": "1", "answer": "3"})
    assert response.status_code == 302
    assert response["Location"] == "/can-i-share/could-identify/?path=1.3"


@pytest.mark.parametrize(
    "url",
    [
        "/can-i-share/purpose/?path=9",
        "/can-i-share/purpose/?path=1.x",
        "/can-i-share/result/?path=1.1.1.1.1.1.1.1.1.1.1.1.1",
        "/can-i-share/answer/?path=7.7&answer=1",
    ],
)
def test_an_invalid_path_goes_back_to_the_start_with_a_message(client, live_tree, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/can-i-share/?restart=path"
    html = client.get(response["Location"]).content.decode()
    assert "We could not follow those answers" in html


def test_the_wrong_question_for_the_path_redirects_to_the_right_one(client, live_tree):
    response = client.get("/can-i-share/secure/", {"path": "1.1"})
    assert response["Location"] == "/can-i-share/confidential/?path=1.1"
    assert client.get("/can-i-share/anything/")["Location"] == "/can-i-share/purpose/"


def test_a_question_url_whose_path_ends_in_an_outcome_shows_the_outcome(client, live_tree):
    response = client.get("/can-i-share/purpose/", {"path": "3"})
    assert response["Location"] == "/can-i-share/result/?path=3"
    assert (
        client.get("/can-i-share/result/", {"path": "1"})["Location"] == "/can-i-share/identifiable/?path=1"
    )
    assert not PathCount.objects.exists()


def test_a_completed_walk_is_counted_once_and_a_reload_is_not_counted(client, live_tree):
    result = walk_to_outcome(client, SHARE_PATH)
    assert result.status_code == 200
    count = PathCount.objects.get()
    assert (count.tree, count.outcome, count.count) == (live_tree, "share", 1)
    assert count.path == "purpose:1/identifiable:1/confidential:1/consent:1/necessary:1/secure:1"
    for _ in range(3):  # reloading the result page
        assert client.get("/can-i-share/result/", {"path": "1.1.1.1.1.1"}).status_code == 200
    assert PathCount.objects.get().count == 1
    walk_to_outcome(client, SHARE_PATH)  # someone else takes the same path
    assert PathCount.objects.get().count == 2
    walk_to_outcome(client, [3])  # and another one a different path
    assert dict(PathCount.objects.values_list("path", "count")) == {
        "purpose:1/identifiable:1/confidential:1/consent:1/necessary:1/secure:1": 2,
        "purpose:3": 1,
    }


def test_the_aid_writes_no_session_and_sets_no_cookie(client, practitioner, live_tree):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(practitioner)
            session_key = client.session.session_key
            session_before = dict(client.session)
        responses = [client.get(START), client.get("/can-i-share/purpose/")]
        responses.append(client.get("/can-i-share/answer/", {"path": ""}))  # missing answer
        responses.append(client.get("/can-i-share/answer/", {"path": "1.1.1.1.1", "answer": "1"}))
        responses.append(client.get(responses[-1]["Location"]))
        responses.append(client.get("/can-i-share/purpose/?path=9"))
        for response in responses:
            assert not response.cookies, response.cookies
            assert not response.wsgi_request.session.modified
        if signed_in:
            assert client.session.session_key == session_key
            assert dict(client.session) == session_before
        else:
            assert "sessionid" not in client.cookies


def test_agency_hint_for_a_signed_in_user_of_that_agency(client, practitioner, live_tree):
    url = "/can-i-share/purpose/"
    assert "answer-agency-hint" not in client.get(url).content.decode()
    practitioner.agency = Agency.objects.get(slug="health")
    practitioner.save()
    client.force_login(practitioner)
    html = client.get(url).content.decode()
    assert 'aria-describedby="answer-hint answer-agency-hint"' in html
    assert "In your agency (Health" in html
    assert "Your named nurse or GP safeguarding lead can help" in html
    # an agency with no wording for this question sees the general hint only
    practitioner.agency = Agency.objects.get(slug="youth-justice")
    practitioner.save()
    assert "answer-agency-hint" not in client.get(url).content.decode()


def test_question_pages_run_the_same_queries_however_deep(
    client, practitioner, live_tree, django_assert_num_queries
):
    practitioner.agency = Agency.objects.get(slug="health")
    practitioner.save()
    deep = ("/can-i-share/ask-now/", {"path": "1.1.1.3.2"})
    shallow = ("/can-i-share/purpose/", {})
    for url, params in (shallow, deep):
        with django_assert_num_queries(1):  # the live tree, for anyone not signed in
            client.get(url, params)
    client.force_login(practitioner)
    counts = []
    for url, params in (shallow, deep, ("/can-i-share/answer/", {"path": "1.1.1.3.2"})):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
    # session, user, the live tree, the user's agency, and the header's two permission checks
    assert counts[0] <= 6


def test_matching_case_studies_are_linked_at_most_three(client, live_tree, no_search_index_updates):
    for number in range(4):
        make_case_study(f"Consent story {number}", themes=("consent",))
    make_case_study("Off topic", themes=("co-location",))
    make_case_study("Draft on consent", themes=("consent",), state="draft")
    html = client.get("/can-i-share/result/", {"path": "1.1.1.1.1.1"}).content.decode()
    related = html.split("Case studies on this", 1)[1].split("</ul>", 1)[0]
    assert related.count("<li>") == 3
    assert "Consent story" in related
    assert "Off topic" not in related and "Draft on consent" not in related


def test_best_matching_case_study_first(client, live_tree, no_search_index_updates):
    make_case_study("One theme", themes=("consent",))
    make_case_study("Two themes", themes=("consent", "feedback-to-referrer"))
    html = client.get("/can-i-share/result/", {"path": "1.1.1.1.1.1"}).content.decode()
    assert html.index("Two themes") < html.index("One theme")


def test_no_live_tree_is_a_friendly_page(client, live_tree):
    DecisionTree.objects.update(live=False)
    for url in (START, "/can-i-share/purpose/", "/can-i-share/result/?path=3", "/can-i-share/answer/?path="):
        response = client.get(url)
        assert response.status_code == 503
        assert "not available at the moment" in response.content.decode()


def test_the_newest_live_tree_is_used(client, live_tree):
    newer = DecisionTree.objects.create(
        title="New",
        review_date=live_tree.review_date,
        nodes=[
            (
                "question",
                {
                    "node_id": "only",
                    "question": "Only question?",
                    "hint": "h",
                    "agency_hints": [],
                    "answers": [
                        {"label": "A", "next": "end", "reason": "r"},
                        {"label": "B", "next": "end", "reason": "r"},
                    ],
                },
            ),
            (
                "outcome",
                {
                    "node_id": "end",
                    "outcome": "seek-advice",
                    "title": "Ask",
                    "body": "Ask someone.",
                    "tell_family": "",
                    "themes": [],
                },
            ),
        ],
    )
    assert 'href="/can-i-share/only/"' in client.get(START).content.decode()
    newer.live = False
    newer.save()
    assert 'href="/can-i-share/purpose/"' in client.get(START).content.decode()


def test_a_dead_end_saved_behind_the_admins_back_sends_people_to_the_start(client, live_tree):
    live_tree.refresh_from_db()  # the data as stored
    data = list(live_tree.nodes.raw_data)
    data[0]["value"]["answers"][0]["value"]["next"] = "gone"  # purpose "Yes" leads nowhere
    DecisionTree.objects.filter(pk=live_tree.pk).update(nodes=data)
    response = client.get("/can-i-share/answer/", {"path": "", "answer": "1"})
    assert response["Location"] == "/can-i-share/?restart=path"
    assert not PathCount.objects.exists()
