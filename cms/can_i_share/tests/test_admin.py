"""The tree in the admin: Editors keep it as a snippet, and an unsound tree is refused."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.can_i_share.models import DecisionTree, PathCount
from cms.can_i_share.tree import Tree, validate_tree

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/can-i-share/"


def listblock(items):
    return {
        "count": len(items),
        **{i: {"value": v, "deleted": "", "order": i, "id": ""} for i, v in enumerate(items)},
    }


def question(node_id, *nexts):
    return (
        "question",
        {
            "node_id": node_id,
            "question": f"Question {node_id}?",
            "hint": "A hint.",
            "agency_hints": listblock([{"agency": "police", "hint": "Police wording."}]),
            "answers": listblock(
                [
                    {"label": f"Answer {i}", "next": n, "reason": f"Reason {i}."}
                    for i, n in enumerate(nexts, 1)
                ]
            ),
        },
    )


def outcome(node_id, kind="share", tell_family=""):
    return (
        "outcome",
        {
            "node_id": node_id,
            "outcome": kind,
            "title": f"Outcome {node_id}",
            "body": "Do this.",
            "tell_family": tell_family,
        },
    )


def form_data(nodes, title="Can I share?"):
    return nested_form_data(
        {
            "title": title,
            "nodes": streamfield(nodes),
            "live": "on",
            "steward": "",
            "review_date": (datetime.date.today() + datetime.timedelta(days=365)).isoformat(),
        }
    )


SOUND = [
    question("start", "second", "advice"),
    question("second", "share", "advice"),
    outcome("share"),
    outcome("advice", "seek-advice"),
]


def test_editor_adds_a_tree(client, editor):
    client.force_login(editor)
    add_url = reverse("wagtailsnippets_can_i_share_decisiontree:add")
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, form_data(SOUND))
    assert response.status_code == 302, response.content.decode()[:2000]
    tree = DecisionTree.objects.get()
    assert validate_tree(tree.nodes) == []
    assert [child.value["node_id"] for child in tree.nodes] == ["start", "second", "share", "advice"]
    assert tree.nodes[0].value["agency_hints"][0]["hint"] == "Police wording."


def test_the_admin_refuses_to_save_a_tree_with_a_cycle(client, editor, live_tree):
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_can_i_share_decisiontree:edit", args=[live_tree.pk])
    assert client.get(edit_url).status_code == 200
    live_tree.refresh_from_db()
    before = Tree(live_tree.nodes).nodes
    cycle = [
        question("start", "second", "advice"),
        question("second", "share", "start"),
        outcome("share"),
        outcome("advice", "seek-advice"),
    ]
    response = client.post(edit_url, form_data(cycle, title="Changed"))
    assert response.status_code == 200  # the form again, with the problem
    html = response.content.decode()
    assert "The answers go round in a loop" in html
    assert "“start” → “second” → “start”" in html
    live_tree.refresh_from_db()
    assert live_tree.title == "Can I share?"
    assert Tree(live_tree.nodes).nodes == before


def test_the_admin_refuses_a_dead_end_and_an_unreachable_outcome(client, editor, live_tree):
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_can_i_share_decisiontree:edit", args=[live_tree.pk])
    broken = [
        question("start", "second", "advice"),
        question("second", "share", "nowhere"),
        outcome("share"),
        outcome("advice", "seek-advice"),
        outcome("orphan"),
    ]
    html = client.post(edit_url, form_data(broken)).content.decode()
    assert "leads to “nowhere”, which is not in the tree" in html
    assert "No path from the first question reaches these outcomes: “orphan”" in html
    assert DecisionTree.objects.get().title == "Can I share?"


def test_the_admin_saves_a_sound_tree_over_the_demo_one(client, editor, live_tree):
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_can_i_share_decisiontree:edit", args=[live_tree.pk])
    response = client.post(edit_url, form_data(SOUND, title="Changed"))
    assert response.status_code == 302
    live_tree.refresh_from_db()
    assert live_tree.title == "Changed"
    assert len(live_tree.nodes) == 4


def test_a_practitioner_cannot_edit_the_tree(client, practitioner, live_tree):
    client.force_login(practitioner)
    edit_url = reverse("wagtailsnippets_can_i_share_decisiontree:edit", args=[live_tree.pk])
    assert client.get(edit_url).status_code in (302, 403)


def test_editors_see_the_path_report_with_small_numbers_hidden(client, editor, live_tree):
    PathCount.objects.create(tree=live_tree, path="purpose:3", outcome="pause", count=3)
    PathCount.objects.create(tree=live_tree, path="purpose:1/identifiable:2", outcome="no-need", count=12)
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "purpose: No" in html  # answer labels from the tree
    assert "purpose: Yes" in html and "identifiable: No" in html
    assert "<td>12</td>" in html
    assert "<td>3</td>" not in html
    assert "fewer than 5" in html
    # every outcome of the tree is listed, with its total
    for outcome_id in ("share", "seek-advice", "pause", "no-need", "share-without-consent-tell"):
        assert f"<code>{outcome_id}</code>" in html
    share_row = html.split("<code>share</code>", 1)[1].split("</tr>", 1)[0]
    assert "<td>0</td>" in share_row  # none is not a small number
    assert "Completed walks: 15." in html
    assert html.index("purpose: Yes") < html.index("purpose: No")  # most taken first


def test_the_path_report_is_for_editors_only(client, practitioner, trainer, live_tree):
    for user in (practitioner, trainer):
        client.force_login(user)
        response = client.get(REPORT)
        assert response.status_code in (302, 403)


def test_editors_find_the_tree_and_the_report_in_the_admin(client, editor, live_tree):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_can_i_share_decisiontree:list"))
    assert listing.status_code == 200
    assert "Can I share?" in listing.content.decode()
    dashboard = client.get("/admin/").content.decode()
    assert "Can I share? paths" in dashboard
    assert REPORT in dashboard


def test_the_report_menu_item_is_hidden_from_trainers(client, trainer):
    client.force_login(trainer)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail-sidebar-props" in response.content.decode()  # the menu is there
    assert "Can I share? paths" not in response.content.decode()
