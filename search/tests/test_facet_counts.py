"""Every facet of every registered type is counted by the search backend, so a results
page costs the same number of SQL queries however many stories match."""

from search.registry import registry


def test_every_registered_facet_is_a_filter_field_of_its_model():
    database_counted = [
        (search_type.slug, param)
        for search_type in registry.types()
        for param, relation in search_type.facets.items()
        if not search_type.has_filter_field(relation)
    ]
    assert database_counted == []
