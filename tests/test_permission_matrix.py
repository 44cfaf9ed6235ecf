"""Every URL pattern x every role, checked against the rule table in `permission_rules.py`.

The patterns come from the URL conf itself (Wagtail admin's and allauth's included), so
a new view is requested by every role the moment it is added, and
`test_every_pattern_has_a_reviewed_rule` fails until someone writes down who may reach it.

Set up once for the module, inside a transaction rolled back at its end (each test runs in
its own savepoint on top):

* the objects path parameters point at: a published case study and its index, a draft, a
  revision, documents (one public, one in an Editors-only collection), an image, a user,
  a taxonomy snippet, a redirect, a search promotion, the review workflow...;
* one account per role, signed in through allauth as a person would. Two-factor sign-in
  is required of staff here as in production (REQUIRE_MFA_FOR_STAFF), so the Editor and
  the Trainer have an authenticator app and enter its code at sign-in.
"""

import io
import time
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve, reverse
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from tests.permission_rules import (
    ANONYMOUS,
    CHAMPION,
    DEFAULT_PARAMS,
    EDITOR,
    PRACTITIONER,
    ROLES,
    RULES,
    TRAINER,
    rule_for,
    url_patterns,
)

pytestmark = pytest.mark.django_db

PASSWORD = "matrix-horse-battery-staple"
MFA_ROLES = (EDITOR, TRAINER)  # cms.users.mfa.MFA_REQUIRED_ROLES
PRODUCTION_LIKE = {"REQUIRE_MFA_FOR_STAFF": True}


@dataclass(frozen=True)
class Case:
    pattern: object
    rule: object
    label: str = ""
    params: tuple = ()  # the variant's own params, as items
    expect: object = None  # the variant's own expectation (None: the rule's)

    @property
    def id(self):
        return self.pattern.key + (f" ({self.label})" if self.label else "")


PATTERNS = url_patterns()
CASES = [
    Case(pattern, rule, label, tuple(params.items()), expect)
    for pattern in PATTERNS
    for rule in [rule_for(pattern)]
    for label, params, expect in (rule.variants or [("", {}, None)])
]


# -- the module's data ------------------------------------------------------------------------------


def _png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _editors_only_collection():
    collection = Collection.get_first_root_node().add_child(name="Matrix: editors only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EDITOR))
    return collection


def _build_objects():
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from case_studies.review import ensure_case_study_workflow
    from case_studies.tests.factories import case_study_index, make_case_study
    from cms.taxonomy.models import Agency
    from cms.users.models import User
    from training.tests.factories import make_scenario, make_video
    from training.tests.session_factories import make_session

    Document = get_document_model()
    index = case_study_index()
    case_study = make_case_study("Matrix story", state="published")
    draft = make_case_study("Matrix draft", state="draft")
    workflow = ensure_case_study_workflow(index)
    document = Document.objects.create(
        title="Guide", file=ContentFile(b"A guide.\n", name="matrix-guide.txt")
    )
    private_document = Document.objects.create(
        title="Held back",
        file=ContentFile(b"Not yet.\n", name="matrix-held-back.txt"),
        collection=_editors_only_collection(),
    )
    image = get_image_model().objects.create(
        title="Picture", file=ImageFile(io.BytesIO(_png()), name="m.png")
    )
    query = Query.get("safeguarding")
    SearchPromotion.objects.create(query=query, page=case_study, sort_order=0, description="Start here")
    video, unused_video = make_video("Matrix video"), make_video("Matrix unused video")
    scenario = make_scenario("Matrix scenario", state="published", video=video)
    session = make_session(title="Matrix session")
    return {
        "session": session,
        "venue": session.venue,
        "video": video,
        "track": video.tracks.first(),
        "unused_video": unused_video,
        "unused_track": unused_video.tracks.first(),
        "scenario": scenario,
        "home": Page.objects.get(depth=2),
        "index": index,
        "index_path": index.url.strip("/") + "/",
        "case_study": case_study,
        "case_study_path": case_study.url.strip("/") + "/",
        "draft_path": draft.url.strip("/") + "/",
        "revision": case_study.latest_revision,
        "document": document,
        "document_filename": document.filename,
        "private_document": private_document,
        "private_document_filename": private_document.filename,
        "image": image,
        "root_collection": Collection.get_first_root_node(),
        "search_query": query,
        "redirect": Redirect.objects.create(old_path="/matrix-old", redirect_link="/"),
        "workflow": workflow,
        "task": workflow.tasks.first(),
        "target_user": _make_user("someone@example.org", PRACTITIONER),
        "superuser": User.objects.create_superuser(email="matrix-root@example.org", password=PASSWORD),
        "group": Group.objects.get(name=PRACTITIONER),
        "snippet": Agency.objects.order_by("pk").first(),
        "glossary_term": _glossary_term(),
        **_agency_guide_and_decision_tree(),
        "site": Site.objects.get(is_default_site=True),
    }


def _glossary_term():
    from datetime import date

    from cms.glossary.models import GlossaryTerm

    return GlossaryTerm.objects.create(
        term="Matrix term", slug="matrix-term", meaning="A term for the matrix.", review_date=date.today()
    )


def _agency_guide_and_decision_tree():
    from datetime import date

    from cms.agency_guides.tests.conftest import make_guide
    from cms.can_i_share.demo import stream_value
    from cms.can_i_share.models import DecisionTree

    guide = make_guide("police", terms=[])
    tree = DecisionTree.objects.create(title="Can I share?", nodes=stream_value(), review_date=date.today())
    return {"agency_guide": guide, "agency_slug": "police", "decision_tree": tree}


def _practitioners_reflection(scenario):
    from cms.users.models import User
    from training.models import Reflection

    owner = User.objects.get(email=f"matrix-{PRACTITIONER.lower()}@example.org")
    return Reflection.objects.create(user=owner, page=scenario, question="What next?", answer="Ask the GP.")


def _practitioners_booking(session):
    """A confirmed place for the matrix's Practitioner (made directly: the service is tested elsewhere)."""
    from cms.taxonomy.models import Agency
    from cms.users.models import User
    from training.models import Booking, BookingStatus

    owner = User.objects.get(email=f"matrix-{PRACTITIONER.lower()}@example.org")
    owner.agency = Agency.objects.get(slug="education")
    owner.save(update_fields=["agency"])
    booking = Booking.objects.create(
        session=session, user=owner, agency=owner.agency, status=BookingStatus.CONFIRMED
    )
    session.confirmed_count = 1
    session.save(update_fields=["confirmed_count"])
    return booking


def _practitioners_learning(session):
    """The matrix's Practitioner is enrolled in the session's programme and holds a certificate
    for an earlier completion of it (made directly: the completion code is tested elsewhere)."""
    from cms.users.models import User
    from training.completion.certificates import issue_certificate
    from training.models import Enrolment, ProgrammeCompletion

    owner = User.objects.get(email=f"matrix-{PRACTITIONER.lower()}@example.org")
    programme = session.programme
    Enrolment.objects.create(user=owner, programme=programme, cycle=2)
    completion = ProgrammeCompletion.objects.create(
        user=owner, programme=programme, cycle=1, started_at=session.created_at
    )
    certificate = issue_certificate(completion, ["Joint induction day"])
    return {"programme": programme, "certificate_code": certificate.code}


def _champion_profiles():
    """The matrix's Champion's own profile, and another champion's."""
    from champions.tests.factories import make_champion
    from cms.users.models import User

    own = make_champion(
        "Matrix Champion", user=User.objects.get(email=f"matrix-{CHAMPION.lower()}@example.org")
    )
    return {"champion_profile": own, "other_profile": make_champion("Other Champion")}


def _make_user(email, role):
    from allauth.account.models import EmailAddress

    from cms.users.models import User

    user = User.objects.create_user(email=email, password=PASSWORD, display_name=role)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _sign_in(user, totp_secret=None):
    """Sign in through allauth (and its two-factor step); the session cookie's value."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    if totp_secret:
        assert response["Location"] == reverse("mfa_authenticate")
        code = format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30))
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302, response.content.decode()[:500]
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _sign_in_roles():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    sessions = {}
    for role in ROLES:
        if role == ANONYMOUS:
            continue
        user = _make_user(f"matrix-{role.lower()}@example.org", role)
        secret = None
        if role in MFA_ROLES:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        sessions[role] = _sign_in(user, secret)
    return sessions


@dataclass
class Setup:
    objects: dict
    sessions: dict  # role -> session cookie value


@pytest.fixture(scope="module")
def setup(django_db_setup, django_db_blocker):
    backends = {
        name: {**conf, "AUTO_UPDATE": False} for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        with override_settings(WAGTAILSEARCH_BACKENDS=backends, **PRODUCTION_LIKE):
            built = Setup(_build_objects(), _sign_in_roles())
            built.objects["reflection"] = _practitioners_reflection(built.objects["scenario"])
            built.objects["booking"] = _practitioners_booking(built.objects["session"])
            built.objects.update(_champion_profiles())
            built.objects.update(_practitioners_learning(built.objects["session"]))
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        cache.clear()


@pytest.fixture(autouse=True)
def production_like(settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)


def client_for(role, setup, **options):
    client = Client(**options)
    if role != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = setup.sessions[role]
    return client


def _value(value, objects):
    if isinstance(value, str) and value in objects:
        value = objects[value]
    return getattr(value, "pk", value)


def build_url(case, objects):
    rule, pattern = case.rule, case.pattern
    given = {**DEFAULT_PARAMS, **rule.params, **dict(case.params)}
    if rule.path:
        url = rule.path
    else:
        args = [str(_value(v, objects)) for v in given.get("args", ())]
        kwargs = {name: _value(given[name], objects) for name in pattern.params}
        url = reverse(pattern.name, args=args or None, kwargs=kwargs or None)
    return url + ("?" + given["query"] if given.get("query") else "")


def get(client, url):
    """(status, Location) of a GET; an exception out of the view counts as a 500."""
    try:
        response = client.get(url)
    except Exception as error:  # the matrix reports it like a server error
        return 500, repr(error)
    return response.status_code, response.get("Location", "")


# -- the matrix ------------------------------------------------------------------------------------


def _matrix_params():
    for case in CASES:
        for role in ROLES:
            gap = case.rule.known_gaps.get((case.label, role)) or case.rule.known_gaps.get(role)
            marks = [pytest.mark.xfail(reason=f"known gap: {gap}", strict=True)] if gap else []
            yield pytest.param(case, role, id=f"{case.id}-{role}", marks=marks)


@pytest.mark.parametrize("case, role", list(_matrix_params()))
def test_matrix(case, role, setup):
    url = build_url(case, setup.objects)
    match = resolve(url.split("?")[0])
    reached = match.route == case.pattern.route and match.func is case.pattern.callback
    # A pattern an earlier one hides (same URL) must say so in its rule; the URL is still checked.
    assert reached or case.rule.shadowed, f"{url} does not reach {case.pattern.key} but {match.route}"
    assert not (reached and case.rule.shadowed), f"{case.pattern.key} is no longer shadowed"
    status, location = get(client_for(role, setup, raise_request_exception=True), url)
    expect = case.expect or case.rule.expect
    expect = expect[role] if isinstance(expect, dict) else expect
    problem = expect.check(status, location)
    assert problem is None, f"{role} GET {url}: {problem} [rule: {case.rule.id}]"


def test_every_pattern_has_a_reviewed_rule(capsys):
    unreviewed = [p.key for p in PATTERNS if rule_for(p).catch_all]
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(PATTERNS)} URL patterns x {len(ROLES)} roles "
            f"({len(CASES)} URLs with variants) = {len(CASES) * len(ROLES)} cases, {len(RULES)} rules"
        )
    assert not unreviewed, "URL patterns without a rule in tests/permission_rules.py:\n" + "\n".join(
        unreviewed
    )


def test_every_rule_is_used():
    """A rule no pattern reaches is stale (its view was renamed or removed)."""
    used = {rule_for(p).id for p in PATTERNS}
    stale = [rule.id for rule in RULES if rule.id not in used and not rule.catch_all]
    assert not stale, stale


def test_staff_sessions_passed_two_factor_sign_in(setup):
    """The matrix's staff really reached the admin with two factors, not around them."""
    for role in MFA_ROLES:
        assert client_for(role, setup).get(reverse("wagtailadmin_home")).status_code == 200
    # a second session for the Editor, signed in with the password alone, is stopped
    from cms.users.models import User

    client = Client()
    client.force_login(User.objects.get(email="matrix-editor@example.org"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


# -- POST-only endpoints and CSRF ---------------------------------------------------------------

POST_ENDPOINTS = {
    "feedback": lambda objects: reverse("case_studies:feedback", args=[objects["case_study"].pk]),
    "download my data": lambda objects: reverse("users:download_data"),
    "delete account": lambda objects: reverse("users:delete_account"),
    "profile": lambda objects: reverse("users:profile"),
    "sign out": lambda objects: reverse("account_logout"),
    "book a session": lambda objects: reverse("sessions:book", args=[objects["session"].pk]),
    "cancel a booking": lambda objects: reverse("sessions:cancel", args=[objects["session"].pk]),
}


@pytest.mark.parametrize("role", [ANONYMOUS, PRACTITIONER, EDITOR])
@pytest.mark.parametrize("endpoint", list(POST_ENDPOINTS))
def test_post_without_csrf_token_is_refused(endpoint, role, setup):
    from case_studies.models import CaseStudyFeedback
    from cms.users.models import User

    client = client_for(role, setup, enforce_csrf_checks=True)
    data = {"useful": "yes", "comment": "", "password": PASSWORD, "confirm": "on", "display_name": "X"}
    response = client.post(POST_ENDPOINTS[endpoint](setup.objects), data)
    assert response.status_code == 403
    assert not CaseStudyFeedback.objects.exists()
    assert User.objects.filter(email__startswith="matrix-", display_name="X").count() == 0
    assert list(setup.objects["session"].bookings.values_list("status", flat=True)) == ["confirmed"]
    if role != ANONYMOUS:  # still signed in, account intact
        assert client.get(reverse("users:profile")).status_code == 200


@pytest.mark.parametrize("role", [ANONYMOUS, PRACTITIONER])
def test_feedback_and_data_download_refuse_get(role, setup):
    client = client_for(role, setup)
    feedback = reverse("case_studies:feedback", args=[setup.objects["case_study"].pk])
    assert client.get(feedback).status_code == 405
    response = client.get(reverse("users:download_data"))
    if role == ANONYMOUS:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 405


# -- found while building the matrix ------------------------------------------------------------


def test_editor_cannot_make_a_superuser_by_copying_a_user(setup):
    """Wagtail's "copy user" view (/admin/users/copy/<pk>/) once used its own creation form,
    without the guard the add and edit views have: an Editor could create an administrator."""
    from cms.users.models import User

    client = client_for(EDITOR, setup)
    url = reverse("wagtailusers_users:copy", args=[setup.objects["target_user"].pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="is_superuser"' not in form.content.decode()
    password = "Copy-escalation-passw0rd!"
    client.post(
        url,
        {
            "email": "mallory@example.org",
            "display_name": "Mallory",
            "is_active": "on",
            "is_superuser": "on",
            "password1": password,
            "password2": password,
        },
    )
    assert not User.objects.filter(email="mallory@example.org", is_superuser=True).exists()
