"""Placeholder: built by the progress work (see __init__.py)."""


def connect():
    """Connect the receivers that re-evaluate completion when a learning event is recorded."""
