import pytest

from cms.taxonomy import canonical
from cms.taxonomy.models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model,rows",
    [
        (Agency, canonical.AGENCIES),
        (JourneyStage, canonical.JOURNEY_STAGES),
        (ConcernType, canonical.CONCERN_TYPES),
        (EvidenceType, canonical.EVIDENCE_TYPES),
        (Area, canonical.AREAS),
        (Theme, canonical.THEMES),
    ],
)
def test_every_canonical_slug_is_seeded(model, rows):
    assert set(model.objects.values_list("slug", flat=True)) >= {row[0] for row in rows}


def test_journey_stages_keep_their_order():
    assert list(JourneyStage.objects.values_list("slug", flat=True)) == [
        s for s, *_ in canonical.JOURNEY_STAGES
    ]


def test_theme_slugs_match_domain_slugs():
    assert Theme.objects.get(slug="gdpr-confidence").name == "GDPR confidence"
