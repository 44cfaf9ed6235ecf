"""Deploy checks for what Django's own do not cover."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Rate limits (sign-in, password reset, case study feedback) count in the cache: a
    per-process cache lets each web process count on its own, and forgets on restart."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between processes, "
                "so rate limits do not hold across web processes.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) for a shared Redis cache.",
                id="core.W001",
            )
        ]
    return []
