"""The shared glossary: terms and acronyms across agencies, what each means, and how the
same word is read in other agencies. Public at /glossary/; the first mention of a term
in a case study or scenario is explained inline (``inline.py``)."""
