"""What the service holds about one person: for "download my data" and deletion.

Each app that stores personal data registers an exporter (and, if it must keep
anonymised figures after deletion, an anonymiser) here, so the export is complete
by construction as apps are added.
"""

_exporters = {}
_anonymisers = []


def register_exporter(section):
    """Decorator: `fn(user) -> JSON-serialisable` is exported under `section`."""

    def decorator(fn):
        _exporters[section] = fn
        return fn

    return decorator


def register_anonymiser(fn):
    """Decorator: `fn(user)` runs before the account is deleted, to detach records
    the law or reporting needs to keep (e.g. attendance counts) from the person."""
    _anonymisers.append(fn)
    return fn


@register_exporter("account")
def export_account(user):
    return {
        "email": user.email,
        "display_name": user.display_name,
        "agency": user.agency.slug if user.agency else None,
        "job_title": user.job_title,
        "area": user.area.name if user.area else None,
        "roles": user.role_names,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }


def export_user_data(user):
    return {section: fn(user) for section, fn in sorted(_exporters.items())}


def delete_user(user):
    for anonymise in _anonymisers:
        anonymise(user)
    user.delete()
