"""Training's models, one module per area: video scenarios, induction programmes, and
in-person sessions with their bookings."""

from ..choices import Attendance, BookingStatus, SessionFormat, SessionStatus
from .completion import Certificate, ConfidenceResponse, Enrolment, ProgrammeCompletion
from .programmes import InductionProgrammePage, ProgrammeIndexPage
from .scenarios import (
    CAPTIONS_LANGUAGE,
    END_MARGIN_SECONDS,
    MIN_GAP_SECONDS,
    Reflection,
    RelatedCaseStudy,
    ScenarioIndexPage,
    ScenarioPage,
    ScenarioTheme,
    WatchProgress,
    english_captions,
)
from .sessions import Booking, Session, Venue

__all__ = [
    "CAPTIONS_LANGUAGE",
    "END_MARGIN_SECONDS",
    "MIN_GAP_SECONDS",
    "Attendance",
    "Booking",
    "BookingStatus",
    "Certificate",
    "ConfidenceResponse",
    "Enrolment",
    "InductionProgrammePage",
    "ProgrammeCompletion",
    "ProgrammeIndexPage",
    "Reflection",
    "RelatedCaseStudy",
    "ScenarioIndexPage",
    "ScenarioPage",
    "ScenarioTheme",
    "Session",
    "SessionFormat",
    "SessionStatus",
    "Venue",
    "WatchProgress",
    "english_captions",
]
