from django.conf import settings

from .navigation import navigation_items


def service(request):
    """Service name, phase and navigation for the header on every page."""
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "SERVICE_PHASE": settings.SERVICE_PHASE,
        "navigation": navigation_items(request),
    }
