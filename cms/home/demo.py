"""The demo home page copy, in our own words, from the source reports' findings."""

from .models import HomePage

LEAD = (
    "Learn from real (anonymised) stories of professionals sharing information well, "
    "and train together with the other agencies around a child."
)

INTRO = (
    "<p>Reviews of serious cases have said for years that children are let down when the "
    "people around them each hold part of the picture. Most of what stops sharing is not the "
    "law: it is worry about getting it wrong, unfamiliar jargon, and not knowing the people "
    "in the other service.</p>"
    "<p>This service brings together what practitioners told researchers would help:</p>"
    "<ul><li>short case studies of information shared well, with a good outcome for the child,</li>"
    "<li>3 to 5 minute video scenarios with questions to reflect on,</li>"
    "<li>induction sessions where police, health, education and social care learn in the same room,</li>"
    "<li>named collaboration champions in each agency you can ask for advice.</li></ul>"
    "<p>Data protection law and sharing to keep a child safe work together. The stories here show how.</p>"
)


def load(stdout):
    home = HomePage.objects.get()  # created by migration home.0002
    home.title = "Sharing to Safeguard"
    home.lead = LEAD
    home.intro = INTRO
    home.save_revision().publish()
    return "home page"
