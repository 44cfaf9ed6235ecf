import pytest
from django.core.management import call_command

from cms.home.models import HomePage
from cms.users.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/register/", "/accessibility/", "/privacy/"]
)
def test_public_pages_respond(client, url):
    assert client.get(url).status_code == 200


def test_base_template_has_skip_link_navigation_phase_banner_and_footer(client):
    html = client.get("/").content.decode()
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "govuk-service-navigation" in html and ">Case studies<" in html
    assert "govuk-phase-banner" in html
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html
    assert ">Sign in<" in html


def test_signed_in_indicator(client, practitioner):
    client.force_login(practitioner)
    html = client.get("/").content.decode()
    assert "Signed in as Pat" in html
    assert ">Sign out<" in html


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_demo_content_is_idempotent(client):
    from champions import demo_champions
    from cms.users.demo import DEMO_ACCOUNTS
    from training import demo_completion, demo_programmes

    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    counts = (User.objects.count(), HomePage.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    # One account per role, the fictional attendees of the demo sessions' registers, the
    # fictional learners behind the learning dashboard, and the fictional demo champions (the
    # demo Champion account owns one of the six profiles).
    champions = [spec for spec in demo_champions.CHAMPIONS if spec["email"] != "champion@example.org"]
    learners = demo_completion.LEARNER_COUNT
    accounts = len(DEMO_ACCOUNTS) + len(demo_programmes.ATTENDEES) + learners + len(champions)
    assert (User.objects.count(), HomePage.objects.count()) == counts == (accounts, 1)
    home = HomePage.objects.get()
    assert home.live and home.lead.strip()
    assert "co-located" not in home.lead  # our own words, not the reports'
    assert User.objects.get(email="editor@example.org").role_names == ["Editor"]


def test_home_page_features_only_live_content_in_constant_queries(client, django_assert_max_num_queries):
    from wagtail.models import Page

    from case_studies.tests.factories import make_case_study

    live = [make_case_study(f"Featured {n}") for n in range(5)]
    draft = make_case_study("Draft feature", state="draft")
    home = HomePage.objects.get()
    home.featured = [
        ("item", {"page": Page.objects.get(pk=p.pk), "label": "Case study"}) for p in live + [draft]
    ]
    home.save()
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    assert all(f"Featured {n}" in html for n in range(5))
    assert "Draft feature" not in html
