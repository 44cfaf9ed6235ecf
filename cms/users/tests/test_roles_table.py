"""README's "What each role can do", claim by claim, as requests.

Each test names the claim it checks. If the table changes, this file changes with it;
a claim marked "(later)" in the table has no test until its feature exists.
"""

import json
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from case_studies.models import CaseStudyFeedback
from case_studies.tests import admin_forms
from case_studies.tests import test_review_workflow as review
from case_studies.tests.factories import case_study_index, make_case_study
from cms.anonymisation.models import FindingDismissal
from cms.taxonomy.models import Agency
from cms.users import roles
from cms.users.models import User
from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db

STAFF = ["trainer", "champion", "editor"]
NOT_EDITORS = ["practitioner", "trainer", "champion"]

SEARCH_PROMOTIONS = "/admin/searchpicks/"
SEARCH_TERMS_REPORT = "/admin/searchpicks/reports/search-terms/"
ZERO_RESULTS_REPORT = "/admin/reports/searches-with-no-results/"
REVIEW_DATES_REPORT = "/admin/reports/case-study-review-dates/"
EDITORS_ONLY_ADMIN = [
    "/admin/users/",
    "/admin/snippets/taxonomy/agency/",
    SEARCH_PROMOTIONS,
    f"{SEARCH_PROMOTIONS}add/",
    SEARCH_TERMS_REPORT,
    f"{SEARCH_TERMS_REPORT}results/",
    f"{SEARCH_PROMOTIONS}queries/chooser/",
    ZERO_RESULTS_REPORT,
    REVIEW_DATES_REPORT,
    "/admin/certificates/",
    "/admin/snippets/glossary/glossaryterm/",
    "/admin/snippets/agency_guides/agencyguide/",
    "/admin/snippets/can_i_share/decisiontree/",
    "/admin/reports/glossary-review/",
]


def user(request, fixture):
    return request.getfixturevalue(fixture)


def get(client, account, url, **params):
    client.force_login(account)
    return client.get(url, params)


def refused(response):
    """Wagtail refuses by redirecting (to its dashboard or sign-in) or with a 403."""
    return response.status_code in (302, 403)


# ---- Practitioner: everyone who registers -------------------------------------------------


def test_everyone_who_registers_is_a_practitioner(client):
    password = "a-long-enough-passphrase"
    client.post(
        reverse("register"), {"email": "new@example.org", "password1": password, "password2": password}
    )
    assert User.objects.get(email="new@example.org").role_names == [roles.PRACTITIONER]


@pytest.mark.parametrize("fixture", ["practitioner", "trainer"])  # Trainer: "everything a practitioner can"
def test_browse_and_search(client, request, fixture):
    story = make_case_study("Sharing at the front door")
    account = user(request, fixture)
    assert get(client, account, case_study_index().url).status_code == 200
    assert get(client, account, story.url).status_code == 200
    assert get(client, account, "/search/", q="front door").status_code == 200


@pytest.mark.parametrize("fixture", ["practitioner", "trainer"])
def test_give_feedback(client, request, fixture):
    story = make_case_study()
    client.force_login(user(request, fixture))
    response = client.post(reverse("case_studies:feedback", args=[story.pk]), {"useful": "yes"})
    assert response.status_code == 302
    assert CaseStudyFeedback.objects.filter(page=story, useful=True).exists()


@pytest.mark.parametrize("fixture", ["practitioner", "trainer"])
def test_see_download_and_delete_their_own_data(client, request, fixture):
    account = user(request, fixture)
    client.force_login(account)
    assert account.email in client.get(reverse("users:profile")).content.decode()
    download = client.post(reverse("users:download_data"))
    assert json.loads(download.content)["account"]["email"] == account.email
    client.post(reverse("users:delete_account"), {"confirm": "on"})
    assert not User.objects.filter(pk=account.pk).exists()


@pytest.mark.parametrize("fixture", ["practitioner", "trainer"])
def test_book_sessions(client, request, fixture):
    from training.models import Booking, BookingStatus
    from training.tests.session_factories import make_session

    session = make_session()
    account = user(request, fixture)
    account.agency = Agency.objects.get(slug="police")
    account.save()
    client.force_login(account)
    client.post(reverse("sessions:book", args=[session.pk]))
    assert Booking.objects.get(session=session, user=account).status == BookingStatus.CONFIRMED
    assert get(client, account, reverse("sessions:mine")).status_code == 200


def test_practitioners_do_not_reach_the_admin(client, practitioner):
    assert refused(get(client, practitioner, "/admin/"))


# ---- Trainer and Champion: the admin ------------------------------------------------------


@pytest.mark.parametrize("fixture", STAFF)
def test_staff_roles_reach_the_admin(client, request, fixture):
    assert get(client, user(request, fixture), "/admin/").status_code == 200


@pytest.mark.parametrize("fixture", NOT_EDITORS)
@pytest.mark.parametrize("url", EDITORS_ONLY_ADMIN)
def test_what_only_editors_reach(client, request, fixture, url):
    assert refused(get(client, user(request, fixture), url))


def test_champions_draft_case_studies_and_submit_them_for_review(client, champion):
    index = case_study_index()
    client.force_login(champion)
    assert client.get(f"/admin/pages/add/case_studies/casestudypage/{index.pk}/").status_code == 200

    story = make_case_study(state="draft")
    data = admin_forms.edit_post_data(story, summary="Child A's school asked early help first.")
    assert client.post(admin_forms.edit_url(story), data).status_code == 302
    story = review.reload(story)
    assert story.get_latest_revision().content["summary"] == "Child A's school asked early help first."

    response = client.post(admin_forms.edit_url(story), {**data, "action-submit": "action-submit"})
    assert response.status_code == 302
    assert review.reload(story).current_workflow_task_state is not None
    assert not review.reload(story).live


def test_champions_cannot_publish(client, champion):
    story = make_case_study(state="draft")
    client.force_login(champion)
    data = admin_forms.edit_post_data(story, **{"action-publish": "action-publish"})
    client.post(admin_forms.edit_url(story), data)
    assert not review.reload(story).live
    assert refused(client.post(f"/admin/pages/{make_case_study().pk}/unpublish/"))


def test_trainers_build_programmes_and_schedule_sessions(client, trainer):
    from training.programme_setup import ensure_programme_index

    index = ensure_programme_index()
    add_programme = f"/admin/pages/add/training/inductionprogrammepage/{index.pk}/"
    assert get(client, trainer, add_programme).status_code == 200
    assert get(client, trainer, reverse("training_sessions:add")).status_code == 200
    assert get(client, trainer, reverse("training_venues:add")).status_code == 200


def test_practitioners_track_their_own_learning_and_download_certificates(client, practitioner):
    from training.completion.certificates import issue_certificate
    from training.models import ProgrammeCompletion
    from training.tests.session_factories import make_person, make_programme

    programme = make_programme()
    completion = ProgrammeCompletion.objects.create(
        user=practitioner, programme=programme, started_at=timezone.now()
    )
    certificate = issue_certificate(completion, ["Joint induction day"])
    assert get(client, practitioner, reverse("my_learning:index")).status_code == 200
    response = get(client, practitioner, reverse("my_learning:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    someone_else = make_person("police")
    assert (
        get(client, someone_else, reverse("my_learning:certificate_pdf", args=[certificate.code])).status_code
        == 404
    )


@pytest.mark.parametrize("fixture", ["trainer", "editor"])
def test_trainers_and_editors_see_the_learning_dashboard(client, request, fixture):
    assert get(client, user(request, fixture), reverse("learning_dashboard")).status_code == 200


@pytest.mark.parametrize("fixture", ["practitioner", "champion"])
def test_no_one_else_sees_the_learning_dashboard(client, request, fixture):
    assert refused(get(client, user(request, fixture), reverse("learning_dashboard")))


def test_a_trainer_sees_the_register_of_their_own_sessions_not_another_trainers(client, trainer):
    from training.tests.session_factories import make_person, make_session

    colleague = make_person("police", role=roles.TRAINER)
    own, theirs = make_session(created_by=trainer), make_session(created_by=colleague)
    assert get(client, trainer, reverse("training_sessions:register", args=[own.pk])).status_code == 200
    assert get(client, trainer, reverse("training_sessions:register", args=[theirs.pk])).status_code == 404


def test_editors_keep_the_glossary_agency_guides_and_decision_aid(client, editor):
    for url in (
        "/admin/snippets/glossary/glossaryterm/add/",
        "/admin/snippets/agency_guides/agencyguide/add/",
        "/admin/snippets/can_i_share/decisiontree/add/",
        "/admin/certificates/",
    ):
        assert get(client, editor, url).status_code == 200, url


def test_trainers_take_registers(client, trainer):
    from training.tests.session_factories import make_session

    register = reverse("training_sessions:register", args=[make_session().pk])
    assert get(client, trainer, register).status_code == 200


@pytest.mark.parametrize("fixture", ["practitioner", "champion", "editor"])
def test_only_trainers_schedule_sessions_and_take_registers(client, request, fixture):
    from training.tests.session_factories import make_session

    account = user(request, fixture)
    session = make_session()
    for url in (
        reverse("training_sessions:add"),
        reverse("training_sessions:register", args=[session.pk]),
        reverse("training_sessions:bookings", args=[session.pk]),
    ):
        assert refused(get(client, account, url)), url


def test_champions_keep_their_own_profile_and_write_stories_under_it(client, champion):
    from champions.tests.factories import add_story_url, edit_url, make_champion

    own, other = make_champion(user=champion), make_champion()
    assert get(client, champion, edit_url(own)).status_code == 200
    assert get(client, champion, add_story_url(own)).status_code == 200
    assert refused(get(client, champion, edit_url(other)))
    assert refused(get(client, champion, add_story_url(other)))
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[own.pk])))


def test_trainers_do_not_draft_case_studies(client, trainer):
    index = case_study_index()
    assert refused(get(client, trainer, f"/admin/pages/add/case_studies/casestudypage/{index.pk}/"))


# ---- Editor -----------------------------------------------------------------------------


def test_editors_publish_and_unpublish(client, editor, champion):
    story = make_case_study(state="draft")
    task_state = review.submit(story, champion)
    client.force_login(editor)
    url = admin_forms.workflow_action_url(story, "approve", task_state)
    assert (
        json.loads(client.post(url, review.approve_data(task_state), **review.XHR).content)["step"]
        == "success"
    )
    assert review.reload(story).live

    assert client.post(f"/admin/pages/{story.pk}/unpublish/").status_code == 302
    assert not review.reload(story).live


def test_editors_dismiss_findings_with_a_reason_and_attest(client, editor, champion):
    story = make_case_study(state="draft", body=review.DIRTY_BODY)
    task_state = review.submit(story, champion)
    findings = task_state.task.specific.get_form_for_action("approve")(task_state=task_state).unresolved
    client.force_login(editor)
    response = client.post(
        admin_forms.workflow_action_url(story, "approve", task_state),
        review.approve_data(task_state, [(f, "Fictional, from the Ofcom drama range.") for f in findings]),
        **review.XHR,
    )
    assert json.loads(response.content)["step"] == "success"
    assert review.reload(story).live
    assert FindingDismissal.objects.filter(page=story, dismissed_by=editor).count() == len(findings) > 0


def test_editors_keep_the_taxonomy(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/taxonomy/agency/").status_code == 200
    response = client.post(
        "/admin/snippets/taxonomy/agency/add/",
        {"name": "Made-up agency", "slug": "made-up-agency", "description": "", "sort_order": "0"},
    )
    assert response.status_code == 302
    assert Agency.objects.filter(slug="made-up-agency").exists()


def test_editors_see_the_review_date_report(client, editor):
    assert get(client, editor, REVIEW_DATES_REPORT).status_code == 200


def test_editors_see_the_search_reports(client, editor):
    Query.get("consent").add_hit()
    ZeroResultQuery.objects.create(query_text="xylophone", date=date.today(), count=1)
    response = get(client, editor, SEARCH_TERMS_REPORT)
    assert response.status_code == 200 and "consent" in response.content.decode()
    assert get(client, editor, f"{SEARCH_TERMS_REPORT}results/").status_code == 200
    response = get(client, editor, ZERO_RESULTS_REPORT)
    assert response.status_code == 200 and "xylophone" in response.content.decode()
    dashboard = get(client, editor, "/admin/").content.decode()
    assert SEARCH_TERMS_REPORT in dashboard and ZERO_RESULTS_REPORT in dashboard  # in the Reports menu


def test_editors_pick_promoted_search_results(client, editor):
    story = make_case_study()
    client.force_login(editor)
    assert client.get(SEARCH_PROMOTIONS).status_code == 200
    assert SEARCH_PROMOTIONS in client.get("/admin/").content.decode()  # in the Settings menu
    assert client.get(f"{SEARCH_PROMOTIONS}queries/chooser/").status_code == 200
    response = client.post(
        f"{SEARCH_PROMOTIONS}add/",
        {
            "query_string": "front door",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": story.pk,
            "editors_picks-0-description": "",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SearchPromotion.objects.filter(query__query_string="front door", page=story).exists()


def test_editors_grant_roles_in_settings_users(client, editor, practitioner):
    client.force_login(editor)
    assert client.get("/admin/users/").status_code == 200
    trainer_role = Group.objects.get(name=roles.TRAINER)
    response = client.post(
        f"/admin/users/edit/{practitioner.pk}/",
        {"email": practitioner.email, "is_active": "on", "groups": [trainer_role.pk], "is_superuser": "on"},
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.role_names == [roles.TRAINER] and not practitioner.is_superuser


def test_editors_never_grant_superuser_or_touch_superusers(client, editor, superuser):
    # every path is covered in test_superuser_guard.py; here, the claim in one line each
    client.force_login(editor)
    assert 'name="is_superuser"' not in client.get("/admin/users/new/").content.decode()
    assert refused(client.get(f"/admin/users/edit/{superuser.pk}/"))
    client.post(f"/admin/bulk/users/user/set_active_state/?id={superuser.pk}", {"mark_as_active": "False"})
    superuser.refresh_from_db()
    assert superuser.is_active
