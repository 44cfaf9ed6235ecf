import datetime

import pytest

from cms.can_i_share.demo import stream_value
from cms.can_i_share.models import DecisionTree


@pytest.fixture
def live_tree(db):
    return DecisionTree.objects.create(
        title="Can I share?",
        nodes=stream_value(),
        review_date=datetime.date.today() + datetime.timedelta(days=365),
    )
