"""The shared vocabulary of the service: agencies, journey stages, concern types,
evidence types, areas and themes. Slugs are canonical (see shared/domain.md) and are
what URLs, filters and import files use."""
