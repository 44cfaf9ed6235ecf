"""Collaboration champion profiles and their stories."""
