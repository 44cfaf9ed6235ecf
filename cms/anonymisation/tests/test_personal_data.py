"""An editor's review actions are in their data export, and stay as an audit trail without them."""

from wagtail.models import Page

from cms.anonymisation.models import AnonymisationClearance, FindingDismissal
from cms.users.personal_data import delete_user, export_user_data


def test_review_actions_are_exported_and_detached_on_deletion(editor):
    page = Page.objects.get(depth=2).specific
    revision = page.save_revision(user=editor)
    dismissal = FindingDismissal.objects.create(
        page=page,
        revision=revision,
        finding_key="k",
        kind="person_name",
        text="Hope",
        reason="A virtue here, not a name.",
        dismissed_by=editor,
    )
    clearance = AnonymisationClearance.objects.create(revision=revision, page=page, attested_by=editor)

    exported = export_user_data(editor)["anonymisation_reviews"]
    assert [d["reason"] for d in exported["dismissed_findings"]] == ["A virtue here, not a name."]
    assert [a["revision"] for a in exported["attestations"]] == [revision.pk]

    delete_user(editor)
    dismissal.refresh_from_db()
    clearance.refresh_from_db()
    assert dismissal.dismissed_by is None and clearance.attested_by is None
