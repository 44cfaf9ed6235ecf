"""Django-free detector of identifying details in case-study text.

    from case_studies.anonymisation import scan_text, scan_fields, Finding
"""

from .detector import KINDS, MESSAGES, Finding, normalise, scan_fields, scan_text

__all__ = ["Finding", "KINDS", "MESSAGES", "normalise", "scan_fields", "scan_text"]
