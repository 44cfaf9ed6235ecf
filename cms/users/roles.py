"""The four roles are Django groups. Their names are used in code and migrations."""

PRACTITIONER = "Practitioner"
TRAINER = "Trainer"
CHAMPION = "Champion"
EDITOR = "Editor"

ALL_ROLES = [PRACTITIONER, TRAINER, CHAMPION, EDITOR]

# Roles that may enter the Wagtail admin at all.
ADMIN_ROLES = [TRAINER, CHAMPION, EDITOR]

DESCRIPTIONS = {
    PRACTITIONER: "Browse and search, book sessions, track their own learning. Everyone who signs up.",
    TRAINER: "Build induction programmes, schedule sessions, take registers, see cohort completion.",
    CHAMPION: "Keep their champion profile current, draft stories and submit them for review.",
    EDITOR: "Review, anonymisation-check and publish content; manage taxonomy; grant roles.",
}
