"""StreamField blocks for a case study's body: one block per part of the story."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

SHARING_METHODS = [
    ("secure-email", "Secure email"),
    ("multi-agency-meeting", "Multi-agency meeting"),
    ("shared-system", "Shared case management system"),
    ("phone-call", "Phone call, followed up in writing"),
    ("referral-form", "Referral form"),
    ("strategy-discussion", "Strategy discussion"),
]

RICH = ["bold", "italic", "link", "ul", "ol"]


class SectionBlock(blocks.StructBlock):
    """A titled section of plain story text (situation, outcome, what made it work)."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH)

    class Meta:
        icon = "doc-full"
        template = "case_studies/blocks/section.html"


class SharingValue(blocks.StructValue):
    def how_labels(self):
        labels = dict(SHARING_METHODS)
        return [labels.get(method, method) for method in self.get("how") or []]


class SharingBlock(blocks.StructBlock):
    """What was shared, with whom and how."""

    what = blocks.TextBlock(help_text="What information was shared. No identifying details.")
    with_whom = blocks.CharBlock(
        max_length=300, help_text="Which services or roles, e.g. 'the GP and the school DSL'."
    )
    how = blocks.MultipleChoiceBlock(choices=SHARING_METHODS, required=False)
    notes = blocks.RichTextBlock(features=RICH, required=False)

    class Meta:
        icon = "arrows-up-down"
        label = "What was shared, with whom, how"
        value_class = SharingValue
        template = "case_studies/blocks/sharing.html"


class LegalBasisBlock(blocks.StructBlock):
    basis = blocks.TextBlock(help_text="The lawful basis relied on, in plain words.")
    consent_notes = blocks.TextBlock(required=False, help_text="How consent was handled and why.")

    class Meta:
        icon = "doc-full-inverse"
        label = "Legal basis and consent"
        template = "case_studies/blocks/legal_basis.html"


class LearningPointsBlock(blocks.StructBlock):
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Learning points"
        template = "case_studies/blocks/learning_points.html"


class ReflectionBlock(blocks.StructBlock):
    """A first-person reflection, by a named author or role, or by a collaboration champion.

    When a champion is chosen, the reflection shows their name and role from their profile,
    linked to it, only while that profile is live and consented; otherwise only the author's
    role. The champion is chosen by page type name: case_studies never imports champions.
    """

    quote = blocks.TextBlock()
    author_name = blocks.CharBlock(max_length=80, help_text="Name, with their consent, or a role-only label.")
    author_role = blocks.CharBlock(max_length=120, required=False)
    champion = blocks.PageChooserBlock(
        page_type="champions.ChampionProfilePage",
        required=False,
        help_text=(
            "If the author is a collaboration champion, choose their profile: the reflection then shows "
            "their name and role from it, with a link, and only while their profile is published."
        ),
    )

    class Meta:
        icon = "openquote"
        label = "Practitioner reflection"
        template = "case_studies/blocks/reflection.html"


class FigureBlock(blocks.StructBlock):
    """An illustration of the story, e.g. a diagram of the process. Its alt text, caption and the
    image's title, description and file name all go through the anonymisation check."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text=(
            "Leave empty to use the image's own description. Describe what the image shows, "
            "with no identifying details."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Figure"
        template = "case_studies/blocks/figure.html"


class CaseStudyBodyBlock(blocks.StreamBlock):
    situation = SectionBlock(label="Section (situation, outcome, what made it work...)")
    sharing = SharingBlock()
    legal_basis = LegalBasisBlock()
    learning_points = LearningPointsBlock()
    reflection = ReflectionBlock()
    paragraph = blocks.RichTextBlock(features=RICH, template="case_studies/blocks/paragraph.html")
    figure = FigureBlock()
