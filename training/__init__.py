"""Video scenarios, induction programmes, in-person sessions, booking and progress."""
