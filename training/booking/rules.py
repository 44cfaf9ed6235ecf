"""The agency-mix rule, as pure functions of a session's numbers (no database).

A session exists to put agencies in one room, so a free place is not always free to
everyone:

- **Capacity**: never more confirmed places than the room holds.
- **Share**: no agency holds more than ``max_agency_share`` per cent of the places
  (rounded down, and never below one place, so every agency can book at least one).
- **Distinct agencies**: places are held back so that ``min_agencies`` agencies can still
  attend: a booking from an agency already in the room is refused if it would leave
  fewer free places than agencies still missing.
- **Release**: after the session's release date only capacity applies: unfilled places
  open to any agency.

The same test decides a new booking and a promotion from the waiting list, which takes
the first person in the queue whom the rule allows.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum


class Refusal(Enum):
    """Why a place cannot be confirmed now (the person joins the waiting list)."""

    FULL = "The session is full."
    AGENCY_SHARE = "Your agency already has its share of the places."
    HELD_FOR_OTHER_AGENCIES = "The remaining places are held for agencies not yet booked."

    @property
    def message(self):
        return self.value


@dataclass(frozen=True)
class MixRule:
    capacity: int
    max_agency_share: int  # per cent of the places
    min_agencies: int
    released: bool = False  # the release date has passed: only capacity applies

    @classmethod
    def for_session(cls, session, now):
        return cls(
            capacity=session.capacity,
            max_agency_share=session.max_agency_share,
            min_agencies=session.min_agencies,
            released=session.mix_release_at is not None and now >= session.mix_release_at,
        )

    @property
    def agencies_wanted(self):
        """Distinct agencies places are held for: never more than there are places."""
        return min(self.min_agencies, self.capacity)

    @property
    def agency_limit(self):
        """Most places one agency may hold."""
        return max(1, self.capacity * self.max_agency_share // 100)

    def refusal(self, confirmed: Mapping, agency) -> Refusal | None:
        """Why `agency` may not take one more place, given the confirmed places per agency
        (``{agency: count}``); None if it may."""
        taken = sum(confirmed.values())
        if taken >= self.capacity:
            return Refusal.FULL
        if self.released:
            return None
        held = confirmed.get(agency, 0)
        if held + 1 > self.agency_limit:
            return Refusal.AGENCY_SHARE
        agencies_after = _distinct(confirmed) + (0 if held else 1)
        missing_after = max(0, self.agencies_wanted - agencies_after)
        free_after = self.capacity - taken - 1
        if free_after < missing_after:
            return Refusal.HELD_FOR_OTHER_AGENCIES
        return None

    def allows(self, confirmed: Mapping, agency) -> bool:
        return self.refusal(confirmed, agency) is None

    def first_allowed(self, confirmed: Mapping, waitlist: Iterable):
        """The first ``(key, agency)`` pair of the waiting list (in queue order) whom the rule
        allows a place now, or None."""
        for key, agency in waitlist:
            if self.allows(confirmed, agency):
                return key, agency
        return None

    def holds(self, confirmed: Mapping) -> bool:
        """Whether confirmed places (``{agency: count}``) keep the rule: within capacity
        and, before release, within each agency's share and with enough free places
        for the agencies still missing (so a full room always has the agencies wanted)."""
        taken = sum(confirmed.values())
        if taken > self.capacity:
            return False
        if self.released:
            return True
        if any(count > self.agency_limit for count in confirmed.values()):
            return False
        return self.capacity - taken >= self.agencies_wanted - _distinct(confirmed)


def _distinct(confirmed: Mapping):
    return sum(1 for count in confirmed.values() if count > 0)
