"""Signing a test's user in without the sign-in form (which has its own browser tests)."""


def sign_in(page, live_server, user):
    """Put ``user``'s session cookie into the browser, replacing any earlier sign-in."""
    from django.test import Client

    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
