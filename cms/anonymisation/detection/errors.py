"""The one error the detector raises on its own account."""


class DetectorUnavailable(RuntimeError):
    """A recogniser's library or word list could not be loaded, so the check cannot run.

    Callers fail closed: publishing stops with this message, and text that could not be
    checked is treated as if it held personal data.
    """
