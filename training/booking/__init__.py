"""Booking places on in-person sessions: the agency-mix rule (``rules``), the only code that
changes bookings (``service``), what people are told (``notifications``, ``calendar``) and
the practitioner's pages (``views``)."""
