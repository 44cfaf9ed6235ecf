"""Saving or deleting a term rebuilds the inline-explanation matcher (in every process)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .inline import invalidate_matcher
from .models import GlossaryTerm


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="glossary_term_saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="glossary_term_deleted")
def term_changed(sender, **kwargs):
    invalidate_matcher()
    # Again once committed: a request that rebuilt the matcher from the old rows before
    # the commit must not keep it.
    transaction.on_commit(invalidate_matcher)
