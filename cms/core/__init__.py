"""Shared building blocks: base templates, context, demo-content loading, email tasks."""
