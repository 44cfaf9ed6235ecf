"""Completion tracking: module and programme progress read from the learning record,
refreshers, certificates, the confidence check, reminders and "My learning".

Nothing here is imported by another feature app; it reads ``cms.learning_record``.

Who builds what (one module each):
- ``progress.py``: module states, programme progress, enrolment, completion, refreshers;
- ``signals.py``: re-evaluates completion when a learning event is recorded;
- ``views.py``, ``forms.py``, ``urls.py`` (mounted at /my-learning/): "My learning",
  its CSV export, enrol, start a refresher, mark a shadowing placement done;
- ``certificates.py``, ``pdf.py``, ``certificate_views.py``, ``verify_urls.py``
  (mounted at /certificates/): issue, PDF, verification, revocation;
- ``confidence.py``, ``confidence_views.py``: the before-and-after questionnaire;
- ``reminders.py``, ``tasks.py``: daily refresher and nudge emails;
- ``personal_data.py``: download my data and account deletion.
"""
