"""The service navigation. Each section adds itself here when it lands."""

PRIMARY_NAVIGATION = [
    # (label, path)
    ("Case studies", "/case-studies/"),
    ("Video scenarios", "/scenarios/"),
    ("In-person sessions", "/sessions/"),
    ("Champions", "/champions/"),
    ("Glossary", "/glossary/"),
    ("Can I share?", "/can-i-share/"),
    ("Search", "/search/"),
]


def navigation_items(request):
    path = request.path if request else ""
    return [
        {"label": label, "href": href, "active": path.startswith(href)} for label, href in PRIMARY_NAVIGATION
    ]
