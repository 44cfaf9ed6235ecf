"""The decision tree Editors keep, and the anonymous counts of the paths people take."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from .blocks import OutcomeBlock, QuestionBlock
from .tree import validate_tree


class DecisionTree(models.Model):
    """The questions and outcomes, in one place so the whole tree is checked on every save:
    no dead ends, no cycles, every outcome reachable (``tree.validate_tree``). The first
    node is the start. The live tree is the newest one marked live."""

    title = models.CharField(max_length=120, default="Can I share?")
    nodes = StreamField([("question", QuestionBlock()), ("outcome", OutcomeBlock())])
    live = models.BooleanField(
        default=True, help_text="Shown at /can-i-share/. The newest live tree is used."
    )
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_date = models.DateField(help_text="When the steward checks it against current guidance.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("nodes"),
        FieldPanel("live"),
        MultiFieldPanel([FieldPanel("steward"), FieldPanel("review_date")], heading="Stewardship"),
    ]

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if problems := validate_tree(self.nodes):
            raise ValidationError(problems)


class PathCount(models.Model):
    """How many people took one path to one outcome: node ids and answer numbers only."""

    tree = models.ForeignKey(DecisionTree, on_delete=models.CASCADE, related_name="path_counts")
    path = models.CharField(max_length=400, help_text="e.g. purpose:1/identifiable:1/confidential:2")
    outcome = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)
    last_taken_on = models.DateField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tree", "path"], name="one_count_per_path")]

    def __str__(self):
        return f"{self.outcome}: {self.count}"
