"""A test-only app (installed by cms.settings.test alone): a second classified, searchable
page type, so search and the classification mixin are tested with more than one type."""
