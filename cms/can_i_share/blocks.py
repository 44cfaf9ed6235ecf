"""The decision aid's nodes: questions (each answer names the next node) and outcomes.

A node's ``node_id`` is what answers point to; ``tree.py`` checks the whole tree.
"""

from django.core.validators import RegexValidator
from wagtail import blocks

NODE_ID_HELP = "Lower-case letters, digits and hyphens, unique in the tree, e.g. consent-given."
node_id_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,39}$", "Use lower-case letters, digits and hyphens."
)


def _agency_choices():
    from cms.taxonomy.models import Agency

    return [(agency.slug, agency.name) for agency in Agency.objects.order_by("name")]


def _theme_choices():
    from cms.taxonomy.models import Theme

    return [(theme.slug, theme.name) for theme in Theme.objects.order_by("name")]


OUTCOME_KINDS = [
    ("share", "Share"),
    ("share-without-consent", "Share without consent"),
    ("seek-advice", "Seek advice"),
    ("no-need", "No need: not personal information"),
]


class AgencyHintBlock(blocks.StructBlock):
    agency = blocks.ChoiceBlock(choices=_agency_choices)
    hint = blocks.TextBlock(max_length=500, help_text="The hint in this agency's words.")


class AnswerBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80)
    next = blocks.CharBlock(
        max_length=40, validators=[node_id_validator], help_text="The node this answer leads to."
    )
    reason = blocks.TextBlock(
        max_length=300, help_text="A sentence the practitioner can copy into their own record."
    )


class QuestionBlock(blocks.StructBlock):
    node_id = blocks.CharBlock(max_length=40, validators=[node_id_validator], help_text=NODE_ID_HELP)
    question = blocks.CharBlock(max_length=200)
    hint = blocks.TextBlock(max_length=500)
    agency_hints = blocks.ListBlock(AgencyHintBlock(), required=False, default=[])
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, max_num=4)

    class Meta:
        icon = "help"
        label = "Question"


class OutcomeBlock(blocks.StructBlock):
    node_id = blocks.CharBlock(max_length=40, validators=[node_id_validator], help_text=NODE_ID_HELP)
    outcome = blocks.ChoiceBlock(choices=OUTCOME_KINDS)
    title = blocks.CharBlock(max_length=150)
    body = blocks.TextBlock(max_length=1500, help_text="The next step: with whom, how, and why it matters.")
    tell_family = blocks.TextBlock(
        max_length=800,
        required=False,
        help_text="For sharing without consent: tell the family or not, and why.",
    )
    themes = blocks.MultipleChoiceBlock(
        choices=_theme_choices, required=False, help_text="Case studies on these themes are linked."
    )

    class Meta:
        icon = "tick"
        label = "Outcome"
