from wagtail import blocks


class TierBlock(blocks.StructBlock):
    """A level of risk or need as the agency names it, with a short example at each level."""

    name = blocks.CharBlock(
        max_length=80, help_text="As the agency names it, e.g. Level 2: targeted support."
    )
    description = blocks.TextBlock(max_length=300)
    low = blocks.TextBlock(max_length=250, label="Low example")
    medium = blocks.TextBlock(max_length=250, label="Medium example")
    high = blocks.TextBlock(max_length=250, label="High example")

    class Meta:
        icon = "list-ol"
        label = "Tier"


class RouteBlock(blocks.StructBlock):
    """A generic way in: a role or a published route, never a person's number."""

    route = blocks.CharBlock(max_length=120, help_text="E.g. the MASH duty desk.")
    when = blocks.TextBlock(max_length=250, help_text="When to use it.")

    class Meta:
        icon = "link"
        label = "Route"
