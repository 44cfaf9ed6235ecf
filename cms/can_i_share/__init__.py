"""The "Can I share?" decision aid at /can-i-share/: one question per page, ending in a
clear next step and a summary of reasons. Stores nothing a person types; only anonymous
counts of the paths taken."""
