"""Start-up check: say at once if the anonymisation check cannot run.

Publishing fails closed anyway (``publishing.py``); this makes the cause visible to
whoever deploys, before an editor meets it.
"""

from django.core import checks

from .detection import DetectorUnavailable, check_available


@checks.register()
def anonymisation_detector_loads(app_configs=None, **kwargs):
    try:
        check_available()
    except DetectorUnavailable as error:
        return [
            checks.Error(
                f"The anonymisation check cannot run: {error}. Nothing guarded can be published.",
                hint="Install the pinned requirements (requirements.txt with constraints.txt).",
                id="anonymisation.E001",
            )
        ]
    return []
