"""Contact a champion: signed-in people only, the champion's address never shown, messages
with identifying details held (and held when they cannot be checked), rate limited, in
"download my data" and gone with the account."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from champions import contact
from champions.models import ContactMessage, MessageStatus
from champions.tests.factories import make_champion
from cms.anonymisation.detection import DetectorUnavailable
from cms.taxonomy.models import Agency
from cms.users import roles
from cms.users.personal_data import CASCADE, coverage_of, delete_user, export_user_data
from conftest import make_user

pytestmark = pytest.mark.django_db

QUESTION = (
    "Hi Jordan, when can a school nurse share a worry about a pupil with the designated safeguarding "
    "lead if the parents have not agreed? Thanks, Sam"
)
IDENTIFYING = "Child A, DOB 01/02/2015, NHS 943 476 5919, lives at 12 High Street, LS1 4AB"


@pytest.fixture
def sender():
    return make_user(
        "sam.sender@example.org",
        roles.PRACTITIONER,
        display_name="Sam Sender",
        agency=Agency.objects.get(slug="police"),
    )


@pytest.fixture
def profile():
    return make_champion("Jordan Example")


@pytest.fixture
def signed_in(client, sender):
    client.force_login(sender)
    return client


def url(profile):
    return reverse("champions:contact", args=[profile.pk])


def send(client, profile, text):
    return client.post(url(profile), {"message": text})


def error_texts(response):
    """The error summary's and the field's error messages, as text."""
    html = response.content.decode()
    blocks = re.findall(r'class="govuk-error-summary".*?</ul>', html, re.S)
    blocks += re.findall(r'class="govuk-error-message">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", block) for block in blocks)


# Who may write ---------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in_and_nothing_is_saved(client, profile):
    page = client.get(url(profile))
    posted = client.post(url(profile), {"message": QUESTION})

    for response in (page, posted):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url(profile)}"
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "fields",
    [{"consent": False}, {"live": False}, {"consent_withdrawn_at": timezone.now()}],
    ids=["no-consent", "unpublished", "consent-withdrawn"],
)
def test_no_contact_page_without_consent_or_when_unpublished(signed_in, fields):
    profile = make_champion(**fields)

    assert signed_in.get(url(profile)).status_code == 404
    assert send(signed_in, profile, QUESTION).status_code == 404
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_no_contact_page_for_a_profile_without_an_account_or_a_missing_one(signed_in, profile):
    missing = reverse("champions:contact", args=[profile.pk + 1000])
    huge = reverse("champions:contact", args=[2**70])
    assert signed_in.get(missing).status_code == 404
    assert signed_in.get(huge).status_code == 404

    profile.user = None
    profile.save()
    assert signed_in.get(url(profile)).status_code == 404


# The form ----------------------------------------------------------------------------------


def test_the_form_warns_about_real_cases_and_says_what_the_champion_will_see(signed_in, profile, sender):
    response = signed_in.get(url(profile))

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-warning-text" in html
    assert "Never include details of a real case" in html
    assert "NHS numbers" in html and "dates of birth" in html
    assert "follow your own agency's procedures" in html
    assert "Jordan Example will see your name, agency and email address" in html
    assert sender.email in html and "Police" in html
    assert 'data-module="govuk-character-count"' in html and 'data-maxlength="2000"' in html
    assert "You can enter up to 2000 characters" in html  # the count's text without JavaScript


def test_an_empty_or_too_long_message_is_refused_with_an_error(signed_in, profile):
    empty = send(signed_in, profile, "   ")
    too_long = send(signed_in, profile, "a" * 2001)

    assert empty.status_code == too_long.status_code == 400
    assert "Write your question." in error_texts(empty)
    assert "Keep your question to 2,000 characters or fewer." in error_texts(too_long)
    assert 'href="#contact-message"' in empty.content.decode()  # the summary links to the box
    assert ContactMessage.objects.count() == 0


def test_line_breaks_count_once_as_the_character_count_shows(
    signed_in, profile, django_capture_on_commit_callbacks
):
    text = "a" * 999 + "\r\n" + "b" * 1000  # 2,001 characters as sent, 2,000 as counted

    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, text)

    assert response.status_code == 302
    assert ContactMessage.objects.get().body == "a" * 999 + "\n" + "b" * 1000


# Sending -----------------------------------------------------------------------------------


def test_the_message_reaches_the_champion_who_can_reply_to_the_sender(
    signed_in, profile, sender, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, QUESTION)

    assert response.status_code == 302
    assert response["Location"] == reverse("champions:contact_sent", args=[profile.pk])
    [email] = mail.outbox
    assert email.to == [profile.user.email]
    assert email.subject == "Question from a colleague via Sharing to Safeguard"
    assert email.extra_headers["Reply-To"] == sender.email
    assert QUESTION in email.body
    assert "From: Sam Sender" in email.body and "Agency: Police" in email.body
    assert f"Email address: {sender.email}" in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html" and "Sam Sender" in html and sender.email in html
    message = ContactMessage.objects.get()
    assert (message.sender_id, message.profile_id, message.status) == (sender.pk, profile.pk, "sent")
    assert message.body == QUESTION


def test_the_sent_page_confirms_and_is_only_there_after_sending(
    signed_in, profile, django_capture_on_commit_callbacks
):
    sent_url = reverse("champions:contact_sent", args=[profile.pk])
    assert signed_in.get(sent_url)["Location"] == url(profile)  # nothing sent yet

    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, QUESTION)
    page = signed_in.get(response["Location"])

    assert page.status_code == 200
    assert "Message sent" in page.content.decode()
    assert "We have emailed your question to Jordan Example" in page.content.decode()


def test_the_sender_never_sees_the_champions_address(
    signed_in, profile, settings, django_capture_on_commit_callbacks
):
    address = profile.user.email
    responses = [
        signed_in.get(url(profile)),
        send(signed_in, profile, IDENTIFYING),
        send(signed_in, profile, ""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        responses.append(send(signed_in, profile, QUESTION))
    responses.append(signed_in.get(responses[-1]["Location"]))
    settings.CHAMPION_CONTACT_RATE_LIMITS = ((2, 3600),)  # the held and the sent one
    responses.append(signed_in.get(url(profile)))  # the limit page

    assert [r.status_code for r in responses] == [200, 200, 400, 302, 200, 429]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [address]  # it was used, just never shown
    for response in responses:
        assert address not in response.content.decode()
        assert all(address not in value for _, value in response.items())


# Held ----------------------------------------------------------------------------------------


def test_a_message_with_identifying_details_is_held_and_the_sender_told_what_to_remove(
    signed_in, profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, IDENTIFYING)

    assert response.status_code == 200
    assert mail.outbox == []
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.HELD
    assert message.body == ""  # the text that may hold a real case is not kept
    for kind in ("a date of birth", "an NHS number", "an address", "a postcode"):
        assert kind in message.held_reason
        assert kind in error_texts(response)
    errors = error_texts(response)
    assert "Your message has not been sent." in errors and "Remove these details" in errors
    for detail in ("943", "5919", "01/02/2015", "High Street", "LS1"):  # never echoed in the explanation
        assert detail not in errors and detail not in message.held_reason
    assert IDENTIFYING in response.content.decode()  # back in the box, to edit


def test_another_persons_name_is_held_but_the_champions_and_senders_own_are_not(
    signed_in, profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = send(signed_in, profile, "Hi Jordan, can we talk about Kayden Smith? Thanks, Sam Sender")
        sent = send(signed_in, profile, QUESTION)

    assert held.status_code == 200 and "a person&#x27;s name" in held.content.decode()
    assert sent.status_code == 302
    assert [m.status for m in ContactMessage.objects.order_by("pk")] == ["held", "sent"]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("error", [DetectorUnavailable("no word list"), RuntimeError("boom")])
def test_a_message_that_cannot_be_checked_is_held_not_sent(
    signed_in, profile, monkeypatch, django_capture_on_commit_callbacks, error
):
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr("champions.contact.scan_text", broken)

    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, QUESTION)

    assert response.status_code == 200
    assert mail.outbox == []
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.HELD and message.body == ""
    assert "could not run" in message.held_reason
    assert "We could not check your message" in error_texts(response)
    assert "it has not been sent" in error_texts(response)


# Rate limit ----------------------------------------------------------------------------------


def earlier_messages(sender, profile, count, *, ago=timedelta(minutes=10), status=MessageStatus.SENT):
    for _ in range(count):
        message = ContactMessage.objects.create(sender=sender, profile=profile, body="x", status=status)
        ContactMessage.objects.filter(pk=message.pk).update(created_at=timezone.now() - ago)


def test_the_sixth_message_within_an_hour_is_refused_and_nothing_saved(
    signed_in, sender, profile, django_capture_on_commit_callbacks
):
    earlier_messages(sender, profile, 3)
    earlier_messages(sender, profile, 2, status=MessageStatus.HELD)  # held ones count too
    other = make_user("other@example.org", roles.PRACTITIONER)
    earlier_messages(other, profile, 5)  # someone else's do not

    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, QUESTION)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Your message has not been sent." in html
    assert "You can send up to 5 messages an hour and 20 a day to champions." in html
    assert "You can send another message after" in html
    assert 0 < int(response["Retry-After"]) <= 3600
    assert ContactMessage.objects.filter(sender=sender).count() == 5
    assert mail.outbox == []
    assert signed_in.get(url(profile)).status_code == 429  # told before writing another


def test_the_fifth_within_an_hour_is_fine_and_older_ones_do_not_count(
    signed_in, sender, profile, django_capture_on_commit_callbacks
):
    earlier_messages(sender, profile, 4)
    earlier_messages(sender, profile, 10, ago=timedelta(hours=2))  # in the day, not the hour

    with django_capture_on_commit_callbacks(execute=True):
        response = send(signed_in, profile, QUESTION)

    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_twenty_a_day_is_the_daily_limit(signed_in, sender, profile):
    earlier_messages(sender, profile, 20, ago=timedelta(hours=5))
    earlier_messages(sender, profile, 30, ago=timedelta(days=2))  # long enough ago

    response = send(signed_in, profile, QUESTION)

    assert response.status_code == 429
    assert ContactMessage.objects.filter(sender=sender).count() == 50


def test_the_limits_come_from_the_setting(signed_in, sender, profile, settings):
    settings.CHAMPION_CONTACT_RATE_LIMITS = ((1, 600),)
    earlier_messages(sender, profile, 1, ago=timedelta(minutes=5))

    response = send(signed_in, profile, QUESTION)

    assert response.status_code == 429
    assert "You can send up to 1 message every 10 minutes to champions." in response.content.decode()
    with pytest.raises(contact.RateLimited) as limited:
        contact.check_rate_limit(sender)
    assert timedelta(minutes=4) < limited.value.retry_at - timezone.now() <= timedelta(minutes=5)


# Personal data -------------------------------------------------------------------------------


def test_the_senders_messages_are_in_their_data_export(
    signed_in, sender, profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(signed_in, profile, QUESTION)
        send(signed_in, profile, IDENTIFYING)

    exported = export_user_data(sender)["champion_messages"]

    assert [(m["champion"], m["body"], m["status"]) for m in exported] == [
        ("Jordan Example", QUESTION, "Sent"),
        ("Jordan Example", "", "Held: it may contain identifying details"),
    ]
    assert "a date of birth" in exported[1]["held_reason"]
    assert all(m["created_at"] for m in exported)
    assert export_user_data(profile.user)["champion_messages"] == []  # the champion sent none


def test_the_senders_messages_go_with_their_account(sender, profile):
    earlier_messages(sender, profile, 2)
    kept = make_user("other@example.org", roles.PRACTITIONER)
    earlier_messages(kept, profile, 1)
    coverage = coverage_of(ContactMessage, "sender")
    assert (coverage.export, coverage.erase) == ("champion_messages", CASCADE)

    delete_user(sender)

    assert list(ContactMessage.objects.values_list("sender", flat=True)) == [kept.pk]
