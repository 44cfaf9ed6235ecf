"""Path counts: node ids and answer numbers only, one row per path, safe under a race."""

import pytest
from django.db.models import QuerySet

from cms.can_i_share.counting import count_path, key_for
from cms.can_i_share.models import PathCount
from cms.can_i_share.tree import walk

pytestmark = pytest.mark.django_db


def test_counts_add_up_per_path(live_tree):
    share = walk(live_tree.nodes, [1, 1, 1, 1, 1, 1])
    pause = walk(live_tree.nodes, [3])
    for walked in (share, share, pause, share):
        count_path(live_tree, walked)
    assert dict(PathCount.objects.values_list("outcome", "count")) == {"share": 3, "pause": 1}
    assert PathCount.objects.get(outcome="pause").path == "purpose:3"


def test_a_row_created_by_another_request_meanwhile_is_counted_not_duplicated(live_tree, monkeypatch):
    walked = walk(live_tree.nodes, [3])
    real_update = QuerySet.update
    raced = []

    def update_losing_the_race(self, **kwargs):
        if self.model is PathCount and not raced:
            raced.append(True)
            # Another request counts the same path after our update found no row.
            PathCount.objects.create(tree=live_tree, path=key_for(walked), outcome="pause", count=1)
            return 0
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update_losing_the_race)
    count_path(live_tree, walked)
    assert raced
    assert list(PathCount.objects.values_list("path", "count")) == [("purpose:3", 2)]
