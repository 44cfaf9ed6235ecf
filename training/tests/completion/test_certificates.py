"""Certificates: issue, the PDF (its text read back with pypdf), the holder's download,
public verification (genuine, expired, revoked, made-up, malformed; rate limited) and the
Editors' revoke tool in the admin."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.admin.auth import require_admin_access
from wagtail.models import ModelLogEntry
from wagtail.utils.urlpatterns import decorate_urlpatterns

import cms.urls
from cms.users import roles
from training.completion import certificate_admin, certificate_views, certificates
from training.completion.certificates import Status
from training.completion.pdf import certificate_pdf, pdf_safe
from training.models import Certificate, ProgrammeCompletion
from training.tests.session_factories import make_person, make_programme

pytestmark = pytest.mark.django_db

# The admin tool mounted as training/wagtail_hooks.py mounts it (under /admin/, behind
# Wagtail's admin-access check), whether or not the hook is in place yet.
urlpatterns = [
    path("admin/", include(decorate_urlpatterns(certificate_admin.admin_urls(), require_admin_access))),
    *cms.urls.urlpatterns,
]
admin_urls = pytest.mark.urls(__name__)

MODULES = ["Scenario: a call from school", "Case study: “Child A” and the dentist", "Joint induction day"]
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def complete(user, programme, *, at=NOON, cycle=1):
    return ProgrammeCompletion.objects.create(
        user=user, programme=programme, cycle=cycle, started_at=at - timedelta(days=30), completed_at=at
    )


def issue(user=None, *, refresher_months=12, at=NOON, modules=MODULES, title="Joint induction Leeds"):
    user = user or make_person("health", display_name="Samira Khan")
    programme = make_programme(title, refresher_months=refresher_months)
    return certificates.issue_certificate(complete(user, programme, at=at), modules)


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader, " ".join(reader.pages[0].extract_text().split())


# --- Issue, status, find, revoke ----------------------------------------------------------


def test_issue_copies_what_was_completed_and_sets_the_refresher_date():
    certificate = issue()
    assert certificate.holder_name == "Samira Khan"
    assert certificate.programme_title == "Joint induction Leeds"
    assert certificate.modules == MODULES
    assert certificate.completed_at == NOON
    assert certificate.expires_at == datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
    assert len(certificate.code) == 12 and set(certificate.code) <= set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")


def test_issue_is_idempotent():
    certificate = issue()
    again = certificates.issue_certificate(certificate.completion, ["Something else"])
    assert again.pk == certificate.pk
    assert again.code == certificate.code
    assert again.modules == MODULES
    assert Certificate.objects.count() == 1


def test_refresher_months_count_calendar_months():
    certificate = issue(refresher_months=1, at=datetime(2026, 1, 31, 12, 0, tzinfo=UTC))
    assert certificate.expires_at == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)


def test_a_programme_without_refresher_never_expires():
    certificate = issue(refresher_months=None)
    assert certificate.expires_at is None
    assert certificates.status(certificate, now=NOON + timedelta(days=3650)) == Status.VALID


def test_status_is_valid_then_expired_and_revoked_wins():
    certificate = issue()
    assert certificates.status(certificate, now=NOON + timedelta(days=1)) == Status.VALID
    assert certificates.status(certificate, now=datetime(2027, 3, 10, 12, 0, tzinfo=UTC)) == Status.EXPIRED
    certificates.revoke(certificate, "Issued in error", by=make_person(role=roles.EDITOR))
    assert certificates.status(certificate, now=NOON + timedelta(days=1)) == Status.REVOKED
    assert certificates.status(certificate, now=NOON + timedelta(days=3650)) == Status.REVOKED


def test_find_accepts_the_code_as_people_type_it():
    certificate = issue()
    code = certificate.code
    for typed in (
        code,
        code.lower(),
        certificate.display_code,
        f"  {code[:4]} {code[4:8]}  {code[8:]} ",
        f"{code[:4]}\u2013{code[4:8]}\u2013{code[8:]}".lower(),
    ):
        assert certificates.find(typed) == certificate, typed


def test_malformed_codes_are_not_found_without_asking_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        for typed in ("", "ABC", "0000-0000-0000", "OOOO-IIII-LLLL", "1234-5678-9ABC", "A" * 500, None):
            assert certificates.find(typed) is None


def test_a_made_up_code_is_not_found():
    issue()
    assert certificates.find("2222-3333-4444") is None


def test_revoke_records_the_reason_and_who_in_the_audit_log():
    certificate = issue()
    editor = make_person(role=roles.EDITOR, display_name="Eddie Editor")
    assert certificates.revoke(certificate, "  Completed   under another\nperson's account ", by=editor)
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Completed under another person's account"
    entry = ModelLogEntry.objects.get(action=certificates.REVOKE_ACTION)
    assert entry.user == editor
    assert entry.object_id == str(certificate.pk)
    assert entry.data == {"reason": "Completed under another person's account"}
    assert "Samira" not in entry.label  # the history names the code, not the holder

    revoked_at = certificate.revoked_at
    assert not certificates.revoke(certificate, "Again", by=editor)
    certificate.refresh_from_db()
    assert certificate.revoked_at == revoked_at
    assert certificate.revoked_reason == "Completed under another person's account"
    assert ModelLogEntry.objects.filter(action=certificates.REVOKE_ACTION).count() == 1


# --- The PDF ------------------------------------------------------------------------------


def test_pdf_says_who_what_when_which_modules_and_how_to_verify(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learning.example.org"
    certificate = issue()
    reader, text = pdf_text(certificate_pdf(certificate))
    assert "Certificate of completion" in text
    assert "Samira Khan" in text
    assert "Joint induction Leeds" in text
    assert "10 March 2026" in text
    for title in MODULES:
        assert title in text
    assert certificate.display_code in text
    assert f"https://learning.example.org/certificates/verify/{certificate.display_code}/" in text
    assert "Refresher due by 10 March 2027" in text
    assert reader.metadata.title == "Certificate of completion: Joint induction Leeds"
    assert reader.metadata.author
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points


def test_pdf_prints_text_the_core_fonts_lack_instead_of_failing():
    user = make_person("police", display_name="Zoë O’Brien\u2011Łukasz \u200bŐri 北京")
    certificate = issue(user, title="Working together \u2212 “thresholds” \u2192 referral")
    _, text = pdf_text(certificate_pdf(certificate))
    assert "Zoë O’Brien-Lukasz Ori ??" in text
    assert "Working together - “thresholds” -> referral" in text


def test_pdf_safe_keeps_latin_text_and_drops_invisible_characters():
    assert pdf_safe("Café – “quoted” \u2014 ok\u200d\u202e") == "Café – “quoted” — ok"
    assert pdf_safe("line\nbreak\ttab") == "line break tab"


def test_pdf_stays_on_one_page_with_very_many_modules():
    many = [f"Module {number}: a long title about who to contact in other agencies" for number in range(120)]
    certificate = issue(modules=many)
    _, text = pdf_text(certificate_pdf(certificate))  # asserts one page
    assert "Module 0:" in text
    assert "more modules" in text
    assert certificate.display_code in text


def test_pdf_shrinks_a_longer_list_to_keep_every_module():
    many = [f"Module {number}" for number in range(24)]
    certificate = issue(modules=many)
    _, text = pdf_text(certificate_pdf(certificate))
    for title in many:
        assert f"{title} " in text + " "
    assert "more modules" not in text


# --- Downloading your own certificate -----------------------------------------------------


def download_url(certificate):
    return reverse("my_learning:certificate_pdf", args=[certificate.code])


def test_the_holder_downloads_their_certificate(client):
    certificate = issue()
    client.force_login(certificate.user)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="certificate-joint-induction-leeds-{certificate.code}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    _, text = pdf_text(response.content)
    assert "Samira Khan" in text and certificate.display_code in text


def test_the_download_filename_is_plain_ascii():
    certificate = issue(title='Réunion “quoted” "; evil=1 / ..\\ 北京')
    assert (
        certificate_views.pdf_filename(certificate)
        == f"certificate-reunion-quoted-evil1-{certificate.code}.pdf"
    )


def test_nobody_else_can_download_it(client):
    certificate = issue()
    client.force_login(make_person("police"))
    assert client.get(download_url(certificate)).status_code == 404
    client.force_login(make_person("police", role=roles.EDITOR))
    assert client.get(download_url(certificate)).status_code == 404


def test_download_needs_sign_in(client):
    certificate = issue()
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_unknown_code_is_not_found(client):
    certificate = issue()
    client.force_login(certificate.user)
    assert client.get(reverse("my_learning:certificate_pdf", args=["2222-3333-4444"])).status_code == 404
    assert client.get(reverse("my_learning:certificate_pdf", args=["nonsense"])).status_code == 404


def test_a_revoked_certificate_is_not_downloaded(client):
    certificate = issue()
    certificates.revoke(certificate, "Issued in error", by=make_person(role=roles.EDITOR))
    client.force_login(certificate.user)
    response = client.get(download_url(certificate))
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "This certificate has been revoked" in content
    assert "Issued in error" in content


# --- Public verification ------------------------------------------------------------------


def verify_url(code):
    return reverse("certificates:verify", args=[code])


def assert_shows_nothing_else(content, certificate):
    """The programme (to catch a real code on another programme's PDF), nothing about the person."""
    assert certificate.holder_name not in content
    for title in certificate.modules:
        assert title not in content


def test_a_genuine_valid_certificate(client):
    certificate = issue(at=timezone.now() - timedelta(days=10))
    response = client.get(verify_url(certificate.display_code))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "This is a genuine certificate" in content
    assert "It is valid" in content
    assert re.search(r"Programme</dt>\s*<dd[^>]*>Joint induction Leeds</dd>", content)
    assert "expired" not in content and "revoked" not in content
    assert_shows_nothing_else(content, certificate)


def test_the_code_can_be_typed_into_the_address_loosely(client):
    certificate = issue(at=timezone.now() - timedelta(days=10))
    response = client.get(verify_url(certificate.display_code.lower()))
    assert response.status_code == 200
    assert "This is a genuine certificate" in response.content.decode()


def test_an_expired_certificate_says_when(client):
    certificate = issue(at=NOON, refresher_months=12)  # due 10 March 2027
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=timezone.now() - timedelta(days=2))
    certificate.refresh_from_db()
    response = client.get(verify_url(certificate.code))
    content = response.content.decode()
    assert response.status_code == 200
    assert "This is a genuine certificate" in content
    expected = timezone.localtime(certificate.expires_at).strftime("%-d %B %Y")
    assert f"It expired on {expected}." in content
    assert "It is valid" not in content
    assert_shows_nothing_else(content, certificate)


def test_a_revoked_certificate_says_when_but_not_why(client):
    certificate = issue(at=timezone.now() - timedelta(days=10))
    certificates.revoke(certificate, "Completed under another account", by=make_person(role=roles.EDITOR))
    response = client.get(verify_url(certificate.code))
    content = response.content.decode()
    assert response.status_code == 200
    expected = timezone.localtime(certificate.revoked_at).strftime("%-d %B %Y")
    assert f"It was revoked on {expected}." in content
    assert "It is valid" not in content
    assert "Completed under another account" not in content
    assert_shows_nothing_else(content, certificate)


@pytest.mark.parametrize("code", ["2222-3333-4444", "22223333444", "0000-OOOO-1111", "hello", "A" * 300])
def test_a_made_up_or_malformed_code_is_a_plain_not_found(client, code):
    issue()
    response = client.get(verify_url(code))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    content = response.content.decode()
    assert "No certificate has this code" in content
    assert "genuine" not in content


def test_verification_is_rate_limited_per_visitor(client):
    certificate = issue()
    for _ in range(certificate_views.RATE_LIMIT):
        assert client.get(verify_url("2222-3333-4444")).status_code == 404
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 429
    assert response["Retry-After"] == str(certificate_views.RATE_WINDOW)
    assert "This is a genuine certificate" not in response.content.decode()
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(verify_url(certificate.code)).status_code == 200


def test_the_form_redirects_to_the_code_s_page(client):
    response = client.get(reverse("certificates:verify_form"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="code"' in content and "Verification code" in content
    response = client.get(reverse("certificates:verify_form"), {"code": " 7kqm 3wxr-ht9p "})
    assert response.status_code == 302
    assert response["Location"] == verify_url("7KQM-3WXR-HT9P")


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter the verification code"),
        ("   ", "Enter the verification code"),
        ("7KQM-3WXR", "must be 12 letters and numbers"),
        ("7KQM-3WXR-HT0P", "does not use the letters I, L or O"),
    ],
)
def test_the_form_explains_a_missing_or_mistyped_code(client, typed, message):
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert message in content
    assert 'href="#id_code"' in content


# --- The Editors' revoke tool -------------------------------------------------------------


def revoke_url(certificate):
    return reverse("certificates_admin:revoke", args=[certificate.display_code])


def revoke_post(client, certificate, **data):
    return client.post(revoke_url(certificate), {"reason": "Issued in error", "confirm": "on", **data})


@admin_urls
def test_an_editor_finds_a_certificate_by_code_and_revokes_it():
    certificate = issue()
    editor = make_person(role=roles.EDITOR)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.get(reverse("certificates_admin:find"), {"code": certificate.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_admin:detail", args=[certificate.display_code])
    response = client.get(response["Location"])
    assert response.status_code == 200
    content = response.content.decode()
    assert "Samira Khan" in content and "Joint induction Leeds" in content
    assert revoke_url(certificate) in content

    response = client.get(revoke_url(certificate))  # the confirmation page changes nothing
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    token = client.cookies["csrftoken"].value

    response = client.post(
        revoke_url(certificate), {"reason": "Issued in error", "confirm": "on", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued in error"
    assert ModelLogEntry.objects.get(action=certificates.REVOKE_ACTION).user == editor


@admin_urls
def test_revoking_needs_csrf_a_reason_and_confirmation():
    certificate = issue()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_person(role=roles.EDITOR))
    assert revoke_post(client, certificate).status_code == 403  # no CSRF token

    client = Client()
    client.force_login(make_person(role=roles.EDITOR))
    response = revoke_post(client, certificate, reason="")
    assert response.status_code == 400
    assert "Give the reason for revoking" in response.content.decode()
    response = revoke_post(client, certificate, confirm="")
    assert response.status_code == 400
    assert "Confirm that you have checked" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@admin_urls
def test_a_made_up_code_is_not_found_in_the_admin(client):
    issue()
    client.force_login(make_person(role=roles.EDITOR))
    response = client.get(reverse("certificates_admin:find"), {"code": "2222-3333-4444"})
    assert response.status_code == 400
    assert "No certificate has this code" in response.content.decode()
    assert client.get(reverse("certificates_admin:detail", args=["2222-3333-4444"])).status_code == 404


@admin_urls
@pytest.mark.parametrize("role", [roles.TRAINER, roles.PRACTITIONER, roles.CHAMPION])
def test_only_editors_may_find_or_revoke(client, role):
    certificate = issue()
    client.force_login(make_person(role=role))
    for response in (
        client.get(reverse("certificates_admin:find"), {"code": certificate.code}),
        client.get(reverse("certificates_admin:detail", args=[certificate.code])),
        revoke_post(client, certificate),
    ):
        assert response.status_code in (302, 403)
        assert "Samira Khan" not in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@admin_urls
def test_signed_out_visitors_are_sent_to_sign_in(client):
    certificate = issue()
    response = revoke_post(client, certificate)
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_menu_item_shows_only_to_editors():
    item = certificate_admin.menu_item()
    request = RequestFactory().get("/admin/")
    request.user = make_person(role=roles.EDITOR)
    assert item.is_shown(request)
    for role in (roles.TRAINER, roles.PRACTITIONER):
        request.user = make_person(role=role)
        assert not item.is_shown(request)
    request.user = AnonymousUser()
    assert not item.is_shown(request)
