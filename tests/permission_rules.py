"""The permission matrix's rule table: who may reach which URL, for every URL pattern.

`url_patterns()` walks the whole URL conf (Wagtail admin's and allauth's patterns
included). Each pattern takes its expectations from the FIRST rule in `RULES` that
matches it, on its full route (a regular expression, `re.match`ed against e.g.
``admin/users/edit/<int:pk>/``) and/or its full name (`re.fullmatch`ed against e.g.
``wagtailusers_users:edit``). `tests/test_permission_matrix.py` requests every pattern as
each role (GET) and checks the answer; it also fails while any pattern falls through to
the catch-all rule at the end, so a new view stays unreviewed until someone adds its rule.

Path parameters are filled from the objects the test creates (`_build_objects` in the
test): a rule's ``params`` name them, e.g. ``{"pk": "target_user"}``; anything not given
comes from ``DEFAULT_PARAMS`` by parameter name. Where no real object makes sense the value
is one that cannot exist (``MISSING``) and the rule expects a 404.

Reading an expectation: ``by_role(anonymous, Practitioner, Trainer, Champion, Editor)``.
The roles (README): Practitioners browse; Trainers and Champions use the admin (Champions
draft stories, Trainers have no page permissions yet); Editors publish, keep the taxonomy,
see the reports and search terms, and grant roles (never superuser).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

ANONYMOUS = "anonymous"
PRACTITIONER = "Practitioner"
TRAINER = "Trainer"
CHAMPION = "Champion"
EDITOR = "Editor"
ROLES = (ANONYMOUS, PRACTITIONER, TRAINER, CHAMPION, EDITOR)
STAFF = (TRAINER, CHAMPION, EDITOR)
SIGNED_IN = (PRACTITIONER, *STAFF)

MISSING = 999_999_999  # an id no object has: the view should answer 404


# -- what an answer may be ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    label: str
    statuses: frozenset = frozenset()  # allowed status codes (empty: any below 500)
    to: tuple = ()  # for redirects: allowed targets (URL names, reversed at check time)
    raises: bool = False  # the view deliberately raises

    def check(self, status, location):
        """None if the answer is as expected, else why not."""
        if self.raises:
            return None if status >= 500 else f"expected the view to raise, got {status}"
        if status >= 500:
            return f"server error {status}"
        if self.statuses and status not in self.statuses:
            return f"status {status}, expected {self.label}"
        if status in (301, 302) and self.to:
            if urlsplit(location).path not in {reverse(name) for name in self.to}:
                return f"redirected to {location}, expected {self.label}"
        return None


OK = Expect("200", frozenset({200}))
NOT_5XX = Expect("any status below 500")
# allauth's sign-in; Wagtail's /admin/login/ also counts, as it only redirects there (rule below).
SIGN_IN = Expect("302 to the sign-in page", frozenset({302}), to=("account_login", "wagtailadmin_login"))
# Refused: sent away (Wagtail redirects to the dashboard or sign-in with a message), 403, or
# 404 (reveals nothing). Never 200.
DENIED = Expect("refused: 302 / 403 / 404, never 200", frozenset({302, 403, 404}))
NOT_FOUND = Expect("404", frozenset({404}))
NOT_ALLOWED = Expect("405 (POST only)", frozenset({405}))
REDIRECT = Expect("302", frozenset({302}))
TO_PASSWORD_RESET = Expect(
    "302 to allauth's password reset", frozenset({302}), to=("account_reset_password",)
)
RAISES = Expect("an exception (500)", raises=True)


def by_role(anonymous, practitioner, trainer, champion, editor):
    return dict(zip(ROLES, (anonymous, practitioner, trainer, champion, editor), strict=True))


def everyone(expect):
    return dict.fromkeys(ROLES, expect)


def signed_in_only(expect=OK):
    """Account pages: anonymous people are sent to sign in; everyone signed in gets `expect`."""
    return by_role(SIGN_IN, expect, expect, expect, expect)


def admin(staff=OK, trainer=None, champion=None, editor=None):
    """The Wagtail admin: anonymous -> sign in, Practitioners refused, staff roles `staff`
    unless given per role."""
    return by_role(SIGN_IN, DENIED, trainer or staff, champion or staff, editor or staff)


def editors_only(editor=OK):
    return admin(DENIED, editor=editor)


def page_editors(expect=OK):
    """Views of one case study page: Champions and Editors (Trainers' page permissions are on the
    programme index only)."""
    return admin(expect, trainer=DENIED)


def anonymous_only(anonymous=OK, signed_in=REDIRECT):
    """Sign-in / sign-up pages: signed-in people are sent on (allauth redirects them)."""
    return by_role(anonymous, signed_in, signed_in, signed_in, signed_in)


# -- the rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    route: str = ""  # regex, re.match'ed against the full route
    name: str = ""  # regex, re.fullmatch'ed against the full name (never matches an unnamed pattern)
    expect: dict = field(default_factory=dict)  # role -> Expect
    params: dict = field(default_factory=dict)  # path parameter -> test object name or a literal
    # several URLs for one pattern: ((label, params, Expect or {role: Expect} or None), ...)
    variants: tuple = ()
    path: str = ""  # the URL itself, for patterns that cannot be reversed (unnamed)
    shadowed: bool = False  # an earlier pattern answers this one's URL (the test checks it still does)
    # role or (variant label, role) -> why it is not yet as expected (a strict xfail: it fails
    # once fixed, so the gap is then removed from here)
    known_gaps: dict = field(default_factory=dict)
    catch_all: bool = False
    note: str = ""

    def matches(self, pattern):
        if self.route and not re.match(self.route, pattern.route):
            return False
        if self.name and not (pattern.name and re.fullmatch(self.name, pattern.name)):
            return False
        return bool(self.route or self.name or self.catch_all)


# Parameter values by name, for any rule that does not say otherwise. Strings that name a
# test object become its pk; anything else is used as it is.
DEFAULT_PARAMS = {
    "page_id": "case_study",
    "pk": "case_study",
    "parent_page_id": "index",
    "page_to_move_id": "case_study",
    "destination_id": "home",
    "revision_id": "revision",
    "content_type_app_name": "case_studies",
    "content_type_model_name": "casestudypage",
    "app_label": "case_studies",
    "model_name": "casestudypage",
    "app_name": "taggit",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "uploaded_file_id": MISSING,
    "filter_spec": "fill-100x100",
    "collection_id": "root_collection",
    "query_id": "search_query",
    "redirect_id": "redirect",
    "task_state_id": MISSING,
    "workflow_state_id": MISSING,
    "task_id": "task",
    "action_name": "approve",
    "session_id": MISSING,
    "object_id": "case_study",
    "restriction_id": MISSING,
    "page_view_restriction_id": MISSING,
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "uidb64": "MQ",
    "token": "not-a-token",
    "uidb36": "zz",
    "key": "bogus-key",
}

TAXONOMY = r"(agency|journeystage|concerntype|evidencetype|area|theme)"

RULES = [
    # ---- Every sign-in goes through allauth (cms/urls.py) -----------------------------------------
    Rule(
        "sign-in: Wagtail's own login views are hidden behind redirects to allauth's sign-in",
        name=r"wagtailadmin_login|wagtailcore_login",
        shadowed=True,
        expect=everyone(SIGN_IN),
    ),
    Rule(
        "sign-in: /admin/login/ redirects everyone to allauth's sign-in",
        route=r"admin/login/$",
        path="/admin/login/",
        expect=everyone(SIGN_IN),
    ),
    Rule(
        "sign-in: /_util/login/ (restricted pages) redirects everyone to allauth's sign-in",
        route=r"_util/login/$",
        path="/_util/login/",
        expect=everyone(SIGN_IN),
    ),
    Rule(
        "sign-in: Wagtail's own password-reset views are hidden behind a redirect to allauth's",
        name=r"wagtailadmin_password_reset.*",
        shadowed=True,
        expect=everyone(TO_PASSWORD_RESET),
    ),
    Rule(
        "sign-in: /admin/password_reset/... redirects everyone to allauth's password reset",
        route=r"\^admin/password_reset/",
        path="/admin/password_reset/",
        expect=everyone(TO_PASSWORD_RESET),
    ),
    # ---- The Wagtail admin: general -----------------------------------------------------------------
    Rule(
        "admin: the JavaScript catalogue and icon sprite are static, for everyone",
        name=r"wagtailadmin_(javascript_catalog|sprite)",
        expect=everyone(OK),
    ),
    Rule(
        "admin: dashboard, account, dismissibles, tag autocomplete, embeds chooser",
        params={"app_name": "taggit", "model_name": "tag"},
        name=r"wagtailadmin_(home|account|dismissibles|tag_autocomplete|tag_model_autocomplete)|"
        r"wagtailembeds:.*",
        expect=admin(OK),
    ),
    Rule("admin: sign out is POST-only", name="wagtailadmin_logout", expect=admin(NOT_ALLOWED)),
    Rule(
        "admin: failwhale deliberately raises (Wagtail's error-reporting test page)",
        name="wagtailadmin_error_test",
        expect=admin(RAISES),
        note="SURPRISING: any staff user can trigger a logged 500 on purpose",
    ),
    Rule(
        "admin: Wagtail's 404 test page (a template shown with status 200)",
        route=r"admin/test404/",
        path="/admin/test404/",
        expect=admin(OK),
    ),
    Rule(
        "admin: unknown admin URLs (the catch-all) are 404 only for people with admin access",
        route=r"admin/\.\*/\$",
        path="/admin/no-such-admin-page/",
        expect=admin(NOT_FOUND),
    ),
    Rule(
        "admin: block preview and bulk actions need parameters (404 without them)",
        name=r"wagtailadmin_block_preview|wagtail_bulk_action",
        params={"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
        expect=admin(NOT_FOUND),
    ),
    Rule(
        "admin: editing-session pings are POST-only",
        route=r"admin/editing-sessions/",
        params={"app_label": "wagtailcore", "model_name": "page"},
        expect=admin(NOT_ALLOWED),
    ),
    Rule(
        "admin: site settings (none are registered: 404)",
        route=r"admin/settings/",
        params={"app_name": "core", "model_name": "nosuchsetting", "pk": MISSING},
        expect=admin(NOT_FOUND),
    ),
    # ---- Users and roles: Editors grant roles, never superuser; groups and sites: superusers -------
    Rule(
        "admin: editing a user is for Editors only, and never a superuser's account",
        name=r"wagtailusers_users:edit",
        variants=(
            ("a practitioner", {"pk": "target_user"}, editors_only()),
            ("a superuser", {"pk": "superuser"}, editors_only(DENIED)),
        ),
    ),
    Rule(
        "admin: copying a user (a new account prefilled from one) is for Editors only, never a superuser's",
        name=r"wagtailusers_users:copy",
        variants=(
            ("a practitioner", {"pk": "target_user"}, editors_only()),
            ("a superuser", {"pk": "superuser"}, editors_only(DENIED)),
        ),
    ),
    Rule(
        "admin: deleting users is for superusers only (Editors grant roles, they do not delete)",
        name=r"wagtailusers_users:delete",
        variants=(
            ("a practitioner", {"pk": "target_user"}, admin(DENIED)),
            ("a superuser", {"pk": "superuser"}, admin(DENIED)),
        ),
    ),
    Rule(
        "admin: user list, add, history and usage are for Editors only",
        route=r"admin/users/",
        params={"pk": "target_user"},
        expect=editors_only(),
    ),
    Rule(
        "admin: groups (roles) are managed by superusers only",
        route=r"admin/groups/",
        params={"pk": "group"},
        expect=admin(DENIED),
    ),
    Rule(
        "admin: sites are managed by superusers only",
        route=r"admin/sites/",
        params={"pk": "site"},
        expect=admin(DENIED),
    ),
    # ---- Taxonomy: Editors keep it; everyone who edits pages picks terms -------------------------
    Rule(
        "admin: taxonomy snippets (list, add, edit, delete, history, copy, usage) are for Editors only",
        route=rf"admin/snippets/taxonomy/{TAXONOMY}/",
        params={"pk": "snippet"},
        expect=editors_only(),
    ),
    Rule(
        "admin: creating a term from the chooser is for Editors only",
        route=rf"admin/snippets/choose/taxonomy/{TAXONOMY}/create/",
        expect=editors_only(),
    ),
    Rule(
        "admin: taxonomy choosers (the page editor's term pickers) are for every staff role",
        route=rf"admin/snippets/choose/taxonomy/{TAXONOMY}/",
        params={"pk": "snippet"},
        expect=admin(OK),
    ),
    Rule(
        "admin: the snippets index lists the glossary and the taxonomy to Editors; other staff are sent on",
        name="wagtailsnippets:index",
        expect=admin(REDIRECT, editor=OK),
    ),
    # ---- Glossary (cms/glossary): public pages; Editors keep the terms as snippets ---------------
    Rule(
        "glossary: the A to Z and by-agency listing, filters included, is public",
        name="glossary:index",
        variants=(
            ("A to Z", {}, everyone(OK)),
            ("by agency, filtered", {"query": "view=agency&agency=police&q=matrix"}, everyone(OK)),
        ),
    ),
    Rule(
        "glossary: a term's page is public; no such term is 404",
        name="glossary:detail",
        variants=(
            ("a term", {"slug": "matrix-term"}, everyone(OK)),
            ("no such term", {"slug": "no-such-term"}, everyone(NOT_FOUND)),
        ),
    ),
    Rule(
        "admin: glossary term snippets (list, add, edit, delete, history, usage) are for Editors only",
        route=r"admin/snippets/glossary/glossaryterm/",
        params={"pk": "glossary_term"},
        expect=editors_only(),
    ),
    Rule(
        "admin: creating a glossary term from the chooser is for Editors only",
        route=r"admin/snippets/choose/glossary/glossaryterm/create/",
        expect=editors_only(),
    ),
    Rule(
        "admin: the glossary term chooser lists terms (public content anyway) to every staff role",
        route=r"admin/snippets/choose/glossary/glossaryterm/",
        params={"pk": "glossary_term"},
        expect=admin(OK),
    ),
    Rule(
        "admin: the glossary steward review report is for Editors only",
        name=r"glossary_review(_results)?",
        expect=editors_only(),
        note="content, ordering and CSV: cms/glossary/tests/test_admin.py",
    ),
    # ---- Search: promotions, search terms, reports: Editors only --------------------------------
    Rule(
        "admin: the search-terms report and the search-query chooser (what people search for)",
        name=r"search_terms_report(_results)?|search_query_chooser(_results)?",
        expect=editors_only(),
        note="ours (cms/users/wagtail_hooks.py), in front of Wagtail's, which check admin access only",
    ),
    Rule(
        "admin: Wagtail's search-terms report and query chooser are hidden behind ours",
        name=r"wagtailsearchpromotions:(chooser|chooserresults|search_terms|search_terms_results)",
        shadowed=True,
        expect=editors_only(),
    ),
    Rule(
        "admin: search promotions are for Editors only",
        route=r"admin/searchpicks/",
        expect=editors_only(),
    ),
    Rule(
        "admin: 'Searches with no results' report is for Editors only",
        name=r"site_search_reports:.*",
        expect=editors_only(),
    ),
    # ---- Reports ---------------------------------------------------------------------------------------
    Rule(
        "admin: case study review-dates report is for Editors only",
        name=r"case_study_review_dates(_results)?",
        expect=editors_only(),
    ),
    Rule(
        "admin: locked-pages report is for Editors only",
        name=r"wagtailadmin_reports:locked_pages(_results)?",
        expect=editors_only(),
    ),
    Rule(
        "admin: site history is open to every staff role (it lists only what each may see)",
        name=r"wagtailadmin_reports:site_history(_results)?",
        expect=admin(OK),
    ),
    Rule(
        "admin: aging pages, page types, workflow reports: those with page permissions (every staff role)",
        name=r"wagtailadmin_reports:(aging_pages|page_types_usage|workflow|workflow_tasks)(_results)?",
        expect=admin(OK),
        note="Trainers have page permissions on the programme index (training/programme_setup.py)",
    ),
    # ---- Pages -----------------------------------------------------------------------------------------
    Rule(
        "admin: publishing actions (unpublish, delete, move, privacy, unschedule) are for Editors only",
        name=r"wagtailadmin_pages:(unpublish|delete|move|set_privacy|revisions_unschedule)",
        expect=editors_only(),
    ),
    Rule(
        "admin: the move confirmation is for Editors only",
        name=r"wagtailadmin_pages:move_confirm",
        expect=editors_only(),
        known_gaps=dict.fromkeys(
            (TRAINER, CHAMPION),
            "Wagtail checks move permission only on POST: the GET shows any page's title and "
            "the destination's to every staff role",
        ),
    ),
    Rule(
        "admin: page search and a page type's usage: every staff role (all have page permissions somewhere)",
        name=r"wagtailadmin_pages:(search|search_results|type_use|type_use_results)",
        expect=admin(OK),
        note="Trainers: on the programme index only; the list shows titles, edit links follow permissions",
    ),
    Rule(
        "admin: explore, add, edit, preview, drafts, history, revisions, usage, copy (of a case study)",
        name=r"wagtailadmin_explore(_results)?|wagtailadmin_pages:(add|preview_on_add|edit|preview_on_edit|"
        r"view_draft|history|history_results|revisions_view|revisions_revert|revisions_compare|usage|copy|"
        r"workflow_history)",
        expect=page_editors(),
    ),
    Rule(
        "admin: the explorer's root sends Champions to their section",
        name=r"wagtailadmin_explore_root",
        expect=admin(DENIED, champion=REDIRECT, editor=OK),
    ),
    Rule(
        "admin: add-subpage (one child type: redirect) and revisions index (redirects to history)",
        name=r"wagtailadmin_pages:(add_subpage|revisions_index)",
        expect=admin(REDIRECT),
    ),
    Rule(
        "admin: lock, unlock, set position: POST-only",
        name=r"wagtailadmin_pages:(lock|unlock|set_page_position)",
        expect=admin(NOT_ALLOWED),
    ),
    Rule(
        "admin: workflow actions on a task state that does not exist (404); history detail likewise",
        name=r"wagtailadmin_pages:(workflow_action|collect_workflow_action_data|workflow_history_detail)",
        expect=page_editors(NOT_FOUND),
    ),
    Rule(
        "admin: workflow preview (no task in progress: sent back)",
        name=r"wagtailadmin_pages:workflow_preview",
        expect=admin(REDIRECT),
    ),
    Rule(
        "admin: confirm workflow cancellation (none in progress: 'no confirmation needed')",
        name=r"wagtailadmin_pages:confirm_workflow_cancellation",
        expect=admin(OK),
        note="answers for any page id to any staff role; says only whether a workflow is running",
    ),
    Rule(
        "admin: alias conversion (the page is no alias: 404)",
        name=r"wagtailadmin_pages:convert_alias",
        expect=admin(NOT_FOUND),
    ),
    Rule(
        "admin: 'create a case study': page editors go straight to the one parent; Trainers see none",
        name=r"wagtailadmin_pages:choose_parent",
        expect=admin(REDIRECT, trainer=OK),
        note="Trainers get 200 with an empty list of parents (no page permissions)",
    ),
    Rule(
        "admin: page choosers (links in rich text) are for every staff role",
        route=r"admin/choose-",
        expect=admin(OK),
    ),
    Rule(
        "admin: the admin's JSON API: listings answer every staff role (filtered by permission)",
        name=r"wagtailadmin_api:(pages|documents|images):listing",
        expect=admin(OK),
    ),
    Rule(
        "admin: the admin's JSON API: a page's detail is for page editors",
        name=r"wagtailadmin_api:pages:detail",
        params={"pk": "case_study"},
        expect=page_editors(),
    ),
    Rule(
        "admin: the admin's JSON API: a document's detail (not one in an Editors-only collection)",
        name=r"wagtailadmin_api:documents:detail",
        variants=(
            ("public document", {"pk": "document"}, admin(OK)),
            ("in an Editors-only collection", {"pk": "private_document"}, editors_only()),
        ),
    ),
    Rule(
        "admin: the admin's JSON API: an image's detail",
        name=r"wagtailadmin_api:images:detail",
        params={"pk": "image"},
        expect=admin(OK),
    ),
    Rule(
        "admin: the admin's JSON API: 'find' without parameters is 404; page actions are POST-only",
        name=r"wagtailadmin_api:(\w+:find|pages:action)",
        params={"action_name": "copy"},
        expect=admin(Expect("404 / 405", frozenset({404, 405}))),
    ),
    # ---- Workflows, collections, redirects, forms -----------------------------------------------
    Rule(
        "admin: the task chooser (picking a workflow's task) answers every staff role",
        route=r"admin/workflows/task_chooser/",
        expect=admin(OK),
        note="it lists task names; creating one needs add_task, which no role has",
    ),
    Rule(
        "admin: workflow and task state changes are POST-only",
        name=r"wagtailadmin_workflows:(enable|remove|enable_task)",
        params={"pk": "workflow", "page_pk": "index", "workflow_pk": "workflow"},
        expect=admin(NOT_ALLOWED),
    ),
    Rule(
        "admin: adding a task of an unknown type is 404",
        name=r"wagtailadmin_workflows:add_task",
        params={"app_label": "wagtailcore", "model_name": "nosuchtask"},
        expect=admin(NOT_FOUND),
    ),
    Rule(
        "admin: workflows and tasks are managed by superusers only",
        route=r"admin/workflows/",
        params={"pk": "workflow"},
        expect=admin(DENIED),
    ),
    Rule(
        "admin: collections are managed by superusers only",
        route=r"admin/collections/",
        params={"pk": "root_collection"},
        expect=admin(DENIED),
    ),
    Rule(
        "admin: redirects: the import's processing step is POST-only (and for Editors only)",
        name=r"wagtailredirects:process_import",
        expect=editors_only(NOT_ALLOWED),
    ),
    Rule("admin: redirects are for Editors only", route=r"admin/redirects/", expect=editors_only()),
    Rule(
        "admin: form submissions (no form pages exist: a case study's id 404s)",
        route=r"admin/forms/submissions/",
        expect=admin(DENIED),
    ),
    Rule("admin: forms index (no form pages exist)", route=r"admin/forms/", expect=admin(OK)),
    # ---- Documents and images --------------------------------------------------------------------
    Rule(
        "admin: documents are uploaded and managed by Editors only",
        name=r"wagtaildocs:(index|index_results|add|add_multiple|edit|delete|document_usage)|"
        r"wagtaildocs_chooser:create",
        expect=editors_only(),
    ),
    Rule(
        "admin: multiple-upload steps are POST-only",
        name=r"wagtail(docs|images):(edit_multiple|delete_multiple|create_multiple_from_uploaded_\w+|"
        r"delete_upload_multiple)",
        expect=admin(NOT_ALLOWED),
    ),
    Rule(
        "admin: the document chooser returns a chosen document (not one held back for Editors)",
        name=r"wagtaildocs_chooser:chosen",
        variants=(
            ("public document", {"pk": "document"}, admin(OK)),
            ("in an Editors-only collection", {"pk": "private_document"}, editors_only()),
        ),
        known_gaps=dict.fromkeys(
            [("in an Editors-only collection", TRAINER), ("in an Editors-only collection", CHAMPION)],
            "choose_document on the root collection reaches the Editors-only collection below it: "
            "its documents' titles and URLs (not their files) are shown to Trainers and Champions",
        ),
    ),
    Rule(
        "admin: the document chooser (linking a published document) is for every staff role",
        name=r"wagtaildocs_chooser:.*",
        expect=admin(OK),
    ),
    Rule(
        "admin: images: only Editors change or delete an image someone else uploaded",
        name=r"wagtailimages:(edit|delete|image_usage|preview)",
        expect=editors_only(),
    ),
    Rule(
        "admin: images: the URL generator is off (404)",
        name=r"wagtailimages:url_generator(_output)?",
        expect=admin(NOT_FOUND),
    ),
    Rule(
        "admin: images: every staff role lists, uploads and chooses images",
        route=r"admin/images/",
        params={"pk": "image"},
        expect=admin(OK),
    ),
    # ---- Documents served to the public -------------------------------------------------------------
    Rule(
        "documents: public ones are served to everyone; Editors-only ones only to Editors",
        name="wagtaildocs_serve",
        variants=(
            ("public document", {"args": ("document", "document_filename")}, everyone(OK)),
            (
                "in an Editors-only collection",
                {"args": ("private_document", "private_document_filename")},
                by_role(SIGN_IN, DENIED, DENIED, DENIED, OK),
            ),
            ("no such document", {"args": (MISSING, "nothing.txt")}, everyone(NOT_FOUND)),
        ),
    ),
    Rule(
        "documents: password form for a restricted document (no such restriction: 404)",
        name="wagtaildocs_authenticate_with_password",
        expect=everyone(NOT_FOUND),
    ),
    # ---- Videos (wagtailmedia over media.Video): Editors upload and manage them --------------------
    Rule(
        "admin: videos: retry a transcode and delete a caption track are POST-only",
        name=r"video_media_admin:(retry|delete_track)",
        params={"video_id": "video", "track_id": "track"},
        expect=by_role(SIGN_IN, DENIED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        note="POST needs change permission on the video: media/tests/test_admin.py",
    ),
    Rule(
        "admin: videos: caption tracks are managed by Editors only",
        name=r"video_media_admin:tracks",
        params={"video_id": "video"},
        expect=editors_only(),
    ),
    Rule(
        "admin: videos: the upload form is for Editors only",
        name=r"wagtailmedia:add",
        path="/admin/media/video/add/",
        expect=editors_only(),
    ),
    Rule(
        "admin: videos: uploading from the chooser is for Editors only",
        name=r"wagtailmedia:chooser_upload",
        path="/admin/media/video/chooser/upload/",
        expect=editors_only(),
    ),
    Rule(
        "admin: videos: the chooser, filtered to videos, is for every staff role",
        name=r"wagtailmedia:chooser_typed",
        path="/admin/media/chooser/video/",
        expect=admin(OK),
    ),
    Rule(
        "admin: videos: the chooser (picking a video for a page) is for every staff role",
        name=r"wagtailmedia:chooser",
        expect=admin(OK),
        note="like the document chooser: titles and posters only; the files are served by media/serving.py",
    ),
    Rule(
        "admin: videos: listing, edit, delete and usage are for Editors only",
        name=r"wagtailmedia:.*",
        params={"media_id": "video", "media_type": "video"},
        expect=editors_only(),
    ),
    # ---- Videos served to the public --------------------------------------------------------------
    Rule(
        "videos: renditions, posters and captions of a video a live page uses are served to everyone",
        name=r"video_media:(rendition|poster|track)",
        variants=(
            (
                "used by a live scenario",
                {"video_id": "video", "rendition": "720", "track_id": "track"},
                everyone(OK),
            ),
            (
                "not used by any live page",
                {"video_id": "unused_video", "rendition": "720", "track_id": "unused_track"},
                by_role(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
            ),
            (
                "no such video",
                {"video_id": MISSING, "rendition": "720", "track_id": MISSING},
                everyone(NOT_FOUND),
            ),
        ),
    ),
    # ---- Video scenarios: progress, answers and reflections (training/views.py) ---------------------
    Rule(
        "scenarios: watch beacons and decision answers are POST-only (GET: 405)",
        name=r"training:(watch|answer)",
        params={"page_id": "scenario", "point": 0},
        expect=everyone(NOT_ALLOWED),
        note="POSTs need the CSRF token: training/tests/test_progress.py, test_decisions.py",
    ),
    Rule(
        "scenarios: your own reflections on a live scenario; anonymous people sign in first",
        name="training:reflections",
        variants=(
            ("live scenario", {"page_id": "scenario"}, signed_in_only(OK)),
            ("not a scenario", {"page_id": "case_study"}, everyone(NOT_FOUND)),
        ),
    ),
    Rule(
        "scenarios: deleting a reflection needs sign-in; anyone else's is 404",
        name="training:delete_reflection",
        params={"pk": "reflection"},
        expect=by_role(SIGN_IN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
        note="the reflection is the Practitioner's own; GET shows the confirmation, POST deletes",
    ),
    # ---- In-person sessions: a practitioner's booking pages (training/booking/views.py) -----------
    Rule("sessions: the list of upcoming sessions is public", name="sessions:list", expect=everyone(OK)),
    Rule(
        "sessions: a session's page is public; no such session is 404",
        name="sessions:detail",
        variants=(
            ("a session of a live programme", {"pk": "session"}, everyone(OK)),
            ("no such session", {"pk": MISSING}, everyone(NOT_FOUND)),
        ),
    ),
    Rule("sessions: my bookings need sign-in", name="sessions:mine", expect=signed_in_only(OK)),
    Rule(
        "sessions: booking and cancelling are POST-only (GET: 405)",
        name=r"sessions:(book|cancel)",
        params={"pk": "session"},
        expect=everyone(NOT_ALLOWED),
        note="POSTs: training/tests/booking/test_views.py; CSRF: test_post_without_csrf_token_is_refused",
    ),
    Rule(
        "sessions: giving your place to a colleague needs sign-in and a place (others are sent back)",
        name="sessions:give_place",
        params={"pk": "session"},
        expect=by_role(SIGN_IN, OK, REDIRECT, REDIRECT, REDIRECT),
        note="the Practitioner holds the matrix session's only booking",
    ),
    Rule(
        "sessions: the calendar file is only for your own booking",
        name="sessions:calendar",
        params={"pk": "session"},
        expect=by_role(SIGN_IN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # ---- In-person sessions: Trainers' admin (training/trainer_tools/) ---------------------------
    Rule(
        "admin: sessions: promoting from the waiting list is POST-only, for Trainers",
        name="training_sessions:promote",
        params={"pk": "session"},
        expect=admin(DENIED, trainer=NOT_ALLOWED),
    ),
    Rule(
        "admin: sessions: list, add and the non-attendance report are for Trainers only",
        name=r"training_sessions:(index|index_results|add|non_attendance)",
        expect=admin(DENIED, trainer=OK),
    ),
    Rule(
        "admin: sessions: edit, bookings, register, export, message, cancel, history are for Trainers only",
        name=r"training_sessions:.*",
        params={"pk": "session"},
        expect=admin(DENIED, trainer=OK),
        note="delete of a booked session explains itself and deletes nothing: training/tests/trainer/",
    ),
    Rule(
        "admin: the learning dashboard (aggregate, suppressed figures) is for Trainers and Editors",
        name="learning_dashboard",
        expect=admin(DENIED, trainer=OK, editor=OK),
        note="figures, suppression, CSV and query count: training/tests/dashboard/",
    ),
    Rule(
        "admin: venues are for Trainers only",
        name=r"training_venues:.*",
        params={"pk": "venue"},
        expect=admin(DENIED, trainer=OK),
    ),
    # ---- Agency guides (cms/agency_guides): public pages and PDFs; Editors keep them as snippets ----
    Rule("agency guides: the list is public", name="agency_guides:list", expect=everyone(OK)),
    Rule(
        "agency guides: a guide and its PDF are public; an agency without a guide is 404",
        name=r"agency_guides:(detail|pdf)",
        variants=(
            ("police (has a guide)", {"slug": "agency_slug"}, everyone(OK)),
            ("housing (no guide)", {"slug": "housing"}, everyone(NOT_FOUND)),
        ),
    ),
    Rule(
        "admin: agency guide snippets: Editors add, change and copy; nobody deletes them",
        route=r"admin/snippets/agency_guides/agencyguide/delete/",
        params={"pk": "agency_guide"},
        expect=admin(DENIED),
    ),
    Rule(
        "admin: agency guide snippets are for Editors only",
        route=r"admin/snippets/agency_guides/agencyguide/",
        params={"pk": "agency_guide"},
        expect=editors_only(),
    ),
    Rule(
        "admin: creating an agency guide from the chooser is for Editors only",
        route=r"admin/snippets/choose/agency_guides/agencyguide/create/",
        expect=editors_only(),
    ),
    Rule(
        "admin: the agency guide chooser lists guides (public content anyway) to every staff role",
        route=r"admin/snippets/choose/agency_guides/agencyguide/",
        params={"pk": "agency_guide"},
        expect=admin(OK),
    ),
    # ---- "Can I share?" (cms/can_i_share): public, one question per page; Editors keep the tree ----
    Rule("can I share: the start page is public", name="can_i_share:start", expect=everyone(OK)),
    Rule(
        "can I share: a question is public; a node the path does not lead to is sent back",
        name="can_i_share:question",
        variants=(
            ("the first question", {"node_id": "purpose"}, everyone(OK)),
            ("not on the path", {"node_id": "consent"}, everyone(REDIRECT)),
        ),
    ),
    Rule(
        "can I share: an answer without a choice shows the question again with an error",
        name="can_i_share:answer",
        expect=everyone(OK),
        note="walks, errors and counting: cms/can_i_share/tests/test_views.py",
    ),
    Rule(
        "can I share: a result without a path that ends in an outcome is sent back to the start",
        name="can_i_share:result",
        expect=everyone(REDIRECT),
    ),
    Rule(
        "admin: decision tree snippets: Editors add and change; nobody deletes (untick live instead)",
        route=r"admin/snippets/can_i_share/decisiontree/delete/",
        params={"pk": "decision_tree"},
        expect=admin(DENIED),
    ),
    Rule(
        "admin: decision tree snippets are for Editors only",
        route=r"admin/snippets/can_i_share/decisiontree/",
        params={"pk": "decision_tree"},
        expect=editors_only(),
    ),
    Rule(
        "admin: creating a decision tree from the chooser is for Editors only",
        route=r"admin/snippets/choose/can_i_share/decisiontree/create/",
        expect=editors_only(),
    ),
    Rule(
        "admin: the decision tree chooser lists trees (public content anyway) to every staff role",
        route=r"admin/snippets/choose/can_i_share/decisiontree/",
        params={"pk": "decision_tree"},
        expect=admin(OK),
    ),
    Rule(
        "admin: the paths report (anonymous counts, small numbers hidden) is for Editors only",
        name="can_i_share_reports_paths",
        expect=editors_only(),
    ),
    # ---- Completion tracking: my learning, certificates, confidence (training/completion/) ---------
    Rule(
        "my learning: the page and its CSV are the signed-in person's own",
        name=r"my_learning:(index|export_csv)",
        expect=signed_in_only(OK),
    ),
    Rule(
        "my learning: enrol, start a refresher and mark a placement done are POST-only (GET: 405)",
        name=r"my_learning:(enrol|start_refresher|mark_module_done)",
        params={"programme_id": "programme", "module_id": "not-a-module"},
        expect=everyone(NOT_ALLOWED),
        note="POSTs: training/tests/completion/test_my_learning.py",
    ),
    Rule(
        "my learning: a certificate's PDF is only for its holder; no such code is 404",
        name="my_learning:certificate_pdf",
        variants=(
            (
                "the Practitioner's certificate",
                {"code": "certificate_code"},
                by_role(SIGN_IN, OK, *[NOT_FOUND] * 3),
            ),
            ("no such certificate", {"code": "ABCDEFGHJKMN"}, by_role(SIGN_IN, *[NOT_FOUND] * 4)),
        ),
    ),
    Rule(
        "my learning: the confidence check is for the person's own enrolment (others: 404)",
        name="my_learning:confidence",
        params={"programme_id": "programme", "stage": "before"},
        expect=by_role(SIGN_IN, OK, *[NOT_FOUND] * 3),
        note="stages, answers once, no free text: training/tests/completion/test_confidence.py",
    ),
    Rule("certificates: anyone may check a code", name="certificates:verify_form", expect=everyone(OK)),
    Rule(
        "certificates: a genuine code is confirmed to anyone, showing nothing else; a made-up one is 404",
        name="certificates:verify",
        variants=(
            ("a genuine code", {"code": "certificate_code"}, everyone(OK)),
            ("a made-up code", {"code": "ABCDEFGHJKMN"}, everyone(NOT_FOUND)),
        ),
    ),
    Rule(
        "admin: certificates: finding and revoking are for Editors",
        name=r"certificates_admin:.*",
        params={"code": "certificate_code"},
        expect=editors_only(),
    ),
    # ---- Champions: contact through the site, and the champions' own admin pages ------------------
    Rule(
        "champions: contact a consented champion needs sign-in; no such profile is 404",
        name="champions:contact",
        variants=(
            ("a live profile with consent", {"profile_id": "champion_profile"}, signed_in_only(OK)),
            ("not a profile", {"profile_id": "case_study"}, by_role(SIGN_IN, *[NOT_FOUND] * 4)),
        ),
        note="POST, holding identifying details and the rate limit: champions/tests/test_contact.py",
    ),
    Rule(
        "champions: 'message sent' only after sending (others are sent to the form)",
        name="champions:contact_sent",
        params={"profile_id": "champion_profile"},
        expect=signed_in_only(REDIRECT),
    ),
    Rule("champions admin: My champion profile", name="champions_admin:mine", expect=admin(OK)),
    Rule(
        "champions admin: give/record and withdraw consent: the champion themselves or an Editor",
        name=r"champions_admin:(consent|withdraw_consent)",
        variants=(
            ("own profile", {"pk": "champion_profile"}, admin(DENIED, champion=OK, editor=OK)),
            ("another champion's profile", {"pk": "other_profile"}, admin(DENIED, editor=OK)),
            ("not a profile", {"pk": MISSING}, admin(NOT_FOUND)),
        ),
    ),
    Rule(
        "champions admin: the yearly 'still right' confirmation is the champion's own",
        name="champions_admin:confirm_profile",
        variants=(
            ("own profile", {"pk": "champion_profile"}, admin(DENIED, champion=OK)),
            ("another champion's profile", {"pk": "other_profile"}, admin(DENIED)),
            ("not a profile", {"pk": MISSING}, admin(NOT_FOUND)),
        ),
    ),
    # ---- Accounts (allauth and ours) -------------------------------------------------------------
    Rule(
        "accounts: profile and delete-account form need sign-in",
        name=r"users:(profile|delete_account)",
        expect=signed_in_only(OK),
    ),
    Rule(
        "accounts: download my data is POST-only (GET: 405 once signed in)",
        name="users:download_data",
        expect=signed_in_only(NOT_ALLOWED),
        note="a POST without a CSRF token is refused: test_post_without_csrf_token_is_refused",
    ),
    Rule(
        "accounts: sign-in and register are for signed-out people",
        name=r"account_login|account_signup|register",
        expect=anonymous_only(),
    ),
    Rule(
        "accounts: password reset, its 'sent' / 'done' pages, 'inactive', 'verification sent'",
        name=r"account_reset_password|account_reset_password_done|account_reset_password_from_key_done|"
        r"account_email_verification_sent|account_inactive",
        expect=everyone(OK),
    ),
    Rule(
        "accounts: email-confirmation and password-reset links with a bogus key say it is invalid",
        name=r"account_confirm_email|account_reset_password_from_key",
        expect=everyone(OK),
    ),
    Rule(
        "accounts: sign-in by code is not enabled",
        name="account_confirm_login_code",
        expect=everyone(REDIRECT),
    ),
    Rule(
        "accounts: sign out (GET asks to confirm)",
        name="account_logout",
        expect=by_role(REDIRECT, OK, OK, OK, OK),
    ),
    Rule(
        "accounts: email addresses, change password, re-authenticate need sign-in",
        name=r"account_(email|change_password|reauthenticate)",
        expect=signed_in_only(OK),
    ),
    Rule(
        "accounts: set password (everyone has one: sent on)",
        name="account_set_password",
        expect=signed_in_only(REDIRECT),
    ),
    # ---- Two-factor sign-in (allauth.mfa; cms/users/mfa.py): Editors and Trainers have an app ---
    Rule(
        "two-factor: set up an authenticator app (ours, in front of allauth's); those with one are sent on",
        name=r"users:activate_totp",
        expect=by_role(SIGN_IN, OK, REDIRECT, OK, REDIRECT),
    ),
    Rule(
        "two-factor: allauth's own set-up view is hidden behind ours",
        name=r"mfa_activate_totp",
        shadowed=True,
        expect=by_role(SIGN_IN, OK, REDIRECT, OK, REDIRECT),
    ),
    Rule(
        "two-factor: overview and new recovery codes need sign-in",
        name=r"mfa_index|mfa_generate_recovery_codes",
        expect=signed_in_only(OK),
    ),
    Rule(
        "two-factor: the code step of sign-in (no sign-in under way: sent back)",
        name="mfa_authenticate",
        expect=everyone(REDIRECT),
    ),
    Rule(
        "two-factor: re-authenticate with a code (those without an app are sent on)",
        name="mfa_reauthenticate",
        expect=by_role(SIGN_IN, REDIRECT, OK, REDIRECT, OK),
    ),
    Rule(
        "two-factor: switching the app off (only those who have one; removal itself is refused to staff)",
        name="mfa_deactivate_totp",
        expect=by_role(SIGN_IN, NOT_FOUND, OK, NOT_FOUND, OK),
    ),
    Rule(
        "two-factor: recovery codes (none generated yet: 404)",
        name=r"mfa_(view|download)_recovery_codes",
        expect=signed_in_only(NOT_FOUND),
    ),
    # ---- The public site -----------------------------------------------------------------------------
    Rule(
        "feedback is POST-only: GET is 405 for everyone",
        name="case_studies:feedback",
        expect=everyone(NOT_ALLOWED),
        note="a POST without a CSRF token is refused: test_post_without_csrf_token_is_refused",
    ),
    Rule(
        "case study learning (mark as read, I reflected on this) is POST-only: GET is 405 for everyone",
        name=r"case_studies:mark_(read|reflected)",
        expect=everyone(NOT_ALLOWED),
        note="POST: sign-in first; unknown or unpublished page 404: case_studies/tests/test_learning.py",
    ),
    Rule("search page and suggestions are public", name=r"search:(search|suggest)", expect=everyone(OK)),
    Rule(
        "accessibility and privacy statements are public", name=r"accessibility|privacy", expect=everyone(OK)
    ),
    Rule(
        "Wagtail's password form for a restricted page (no such restriction: 404)",
        name="wagtailcore_authenticate_with_password",
        expect=everyone(NOT_FOUND),
    ),
    Rule(
        "pages: live pages are public; drafts and unknown paths are 404 for everyone",
        name="wagtail_serve",
        variants=(
            ("home", {"args": ("",)}, OK),
            ("case study index", {"args": ("index_path",)}, OK),
            (
                "case study index, filtered",
                {"args": ("index_path",), "query": "agency=police&sort=title"},
                OK,
            ),
            ("published case study", {"args": ("case_study_path",)}, OK),
            ("draft case study", {"args": ("draft_path",)}, NOT_FOUND),
            ("unknown path", {"args": ("no-such-page/",)}, NOT_FOUND),
        ),
    ),
    # ---- Anything else ---------------------------------------------------------------------------------
    Rule(
        "UNREVIEWED: a pattern no rule covers (add a rule above)",
        catch_all=True,
        expect=everyone(NOT_5XX),
    ),
]


# -- the URL conf ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route, as ResolverMatch.route gives it
    name: str  # the full name with namespaces ("ns:name"), "" if unnamed
    params: tuple  # named parameters in order
    positional: int  # number of unnamed groups (regex patterns)
    callback: object = field(default=None, compare=False, repr=False)

    @property
    def key(self):
        return f"{self.route} [{self.name}]" if self.name else self.route


def _join(route1, route2):
    # as django.urls.resolvers.URLResolver._join_route
    return route2 if not route1 else route1 + route2.removeprefix("^")


def _params_of(pattern):
    if isinstance(pattern.pattern, RoutePattern):
        return list(pattern.pattern.converters), 0
    regex = pattern.pattern.regex
    return list(regex.groupindex), regex.groups - len(regex.groupindex)


def url_patterns(resolver=None):
    """Every URL pattern in the URL conf, depth first, in resolution order."""
    out = []

    def walk(patterns, route, namespaces, params, positional):
        for p in patterns:
            names, unnamed = _params_of(p)
            if isinstance(p, URLResolver):
                walk(
                    p.url_patterns,
                    _join(route, str(p.pattern)),
                    namespaces + ([p.namespace] if p.namespace else []),
                    params + names,
                    positional + unnamed,
                )
            elif isinstance(p, URLPattern):
                name = ":".join([*namespaces, p.name]) if p.name else ""
                full = _join(route, str(p.pattern))
                out.append(Pattern(full, name, tuple(params + names), positional + unnamed, p.callback))

    walk((resolver or get_resolver()).url_patterns, "", [], [], 0)
    return out


def rule_for(pattern):
    return next(rule for rule in RULES if rule.matches(pattern))
