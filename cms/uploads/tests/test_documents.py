"""Documents: only Editors upload them, and /documents/... always goes through Django's serve view."""

import importlib
import os

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import FileResponse, StreamingHttpResponse
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.wagtail_hooks import check_view_restrictions
from wagtail.models import Collection, CollectionViewRestriction

from cms.users import roles

pytestmark = pytest.mark.django_db

Document = get_document_model()


class PathlessStorage(FileSystemStorage):
    """Like object storage (S3): files have a URL but no local path."""

    def path(self, name):
        raise NotImplementedError("no local path")

    def _open(self, name, mode="rb"):
        return File(open(super().path(name), mode))

    def size(self, name):
        return os.path.getsize(super().path(name))


def upload(name="notes.txt", content=b"A document."):
    return ContentFile(content, name=name)


def make_document(user, title="Guidance", collection=None, content=b"Published guidance."):
    document = Document(
        title=title, uploaded_by_user=user, collection=collection or Collection.get_first_root_node()
    )
    document.file.save("guidance.txt", ContentFile(content), save=False)
    document.save()
    return document


def restricted_collection(restriction_type, groups=()):
    collection = Collection.get_first_root_node().add_child(name=f"Restricted {restriction_type}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type
    )
    restriction.groups.set(groups)
    return collection


@pytest.mark.parametrize("fixture", ["trainer", "champion"])
def test_trainers_and_champions_cannot_upload_documents(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/documents/add/").status_code in (302, 403)
    client.post("/admin/documents/add/", {"title": "Case notes", "file": upload()})
    client.post("/admin/documents/multiple/add/", {"files[]": upload()})
    client.post(
        "/admin/documents/chooser/create/",
        {"document-chooser-upload-title": "x", "document-chooser-upload-file": upload()},
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize("fixture", ["trainer", "champion"])
def test_trainers_and_champions_still_choose_published_documents(client, request, fixture, editor):
    make_document(editor, title="Published guidance")
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/admin/documents/chooser/")
    assert response.status_code == 200
    assert "Published guidance" in response.json()["html"]
    assert "chooser/create/" not in response.json()["html"]  # no upload tab


def test_editor_uploads_a_document(client, editor):
    client.force_login(editor)
    assert client.get("/admin/documents/add/").status_code == 200
    response = client.post("/admin/documents/add/", {"title": "Guidance", "file": upload()})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.uploaded_by_user == editor


def test_documents_are_served_by_the_serve_view_setting(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_anonymous_gets_an_editors_document_through_django_even_on_object_storage(client, editor, settings):
    # On object storage (no local path) Wagtail's default is to redirect to the storage URL,
    # which bypasses every check; the setting makes it stream the file through the view.
    document = make_document(editor)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.PathlessStorage"}}
    response = client.get(document.url)
    assert response.status_code == 200
    assert isinstance(response, FileResponse | StreamingHttpResponse)
    assert b"".join(response.streaming_content) == b"Published guidance."
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_wagtails_own_hook_checks_collection_view_restrictions():
    # The serve view runs every before_serve_document hook; Wagtail's own one refuses a
    # document in a restricted collection unless the request passes the restriction, so
    # we add none of our own. This fails if an upgrade stops registering it.
    assert check_view_restrictions in hooks.get_hooks("before_serve_document")


def test_a_document_in_a_sign_in_collection_needs_sign_in(client, editor, practitioner):
    document = make_document(editor, collection=restricted_collection(CollectionViewRestriction.LOGIN))
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(practitioner)
    assert client.get(document.url).status_code == 200


def test_a_document_in_an_editors_only_collection_is_refused_to_others(client, editor, practitioner, trainer):
    collection = restricted_collection(
        CollectionViewRestriction.GROUPS, [Group.objects.get(name=roles.EDITOR)]
    )
    document = make_document(editor, collection=collection)
    for user in (None, practitioner, trainer):
        if user:
            client.force_login(user)
        response = client.get(document.url)
        assert response.status_code in (302, 403, 404), user
        assert not isinstance(response, FileResponse | StreamingHttpResponse)
    client.force_login(editor)
    assert client.get(document.url).status_code == 200


def test_migration_moves_earlier_uploads_by_other_roles_out_of_public_view(client, editor, trainer, champion):
    by_editor = make_document(editor, title="Editor's")
    by_trainer = make_document(trainer, title="Trainer's")
    by_champion = make_document(champion, title="Champion's")
    by_nobody = make_document(None, title="Uploader's account deleted")
    migration = importlib.import_module("cms.users.migrations.0005_documents_editors_only")

    loader = MigrationExecutor(connection).loader
    historical_apps = loader.project_state([("users", "0005_documents_editors_only")]).apps

    Collection.get_first_root_node().add_child(name="Existing")
    migration.hold_back_uploads_by_other_roles(historical_apps, None)
    migration.hold_back_uploads_by_other_roles(historical_apps, None)  # idempotent

    held_back = Collection.objects.get(name=migration.HELD_BACK)
    assert held_back.get_parent().is_root() and Collection.get_first_root_node().get_children().count() == 2
    assert all(not problems for problems in Collection.find_problems())
    assert client.get(Document.objects.get(pk=by_editor.pk).url).status_code == 200
    for document in (by_trainer, by_champion, by_nobody):
        document.refresh_from_db()
        assert document.collection == held_back
        assert client.get(document.url).status_code == 302
    client.force_login(editor)
    assert client.get(by_trainer.url).status_code == 200
