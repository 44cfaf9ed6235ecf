"""Accounts, profiles, roles and each person's control over their own data."""
