"""The anonymisation check every guarded page goes through before it is published.

* ``detection/``: the Django-free detector (recognisers, word lists, ``scan_text``,
  ``contains_personal_data``).
* ``guard.py``: how a page model declares itself guarded (``AnonymisationGuarded``) and
  which of its fields are exempt from the scan.
* ``extract.py``: every piece of text a page publishes, with its location.
* ``publishing.py``: the publish guard, clearances and ``clear_and_publish``.
* ``models.py`` / ``workflow.py`` / ``forms.py``: the review task (dismiss findings with a
  reason, attest) and a helper that builds a review workflow for any index page.

It knows no content type: a feature app mixes ``AnonymisationGuarded`` into its page
model and names its own review workflow.
"""
