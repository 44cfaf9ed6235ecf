"""Champion stories and profiles in the site search (/search/), called from ``ChampionsConfig.ready()``.

Stories are classified like case studies, so they carry the agency and theme facets
through ``classification_search_fields()``. A profile has one ``agency`` (a foreign key)
and the themes it can help with as ``topics``; both are indexed as
``RelatedFields(..., [FilterField("slug")])`` on the model, so the same two facets filter
profiles too. The search lists only live, public pages: a profile is live only with the
champion's consent (withdrawing it unpublishes the profile and their stories).
"""


def register_search():
    from search.registry import register

    from .models import ChampionProfilePage, ChampionStoryPage

    register(
        ChampionStoryPage,
        slug="story",
        label="Champion story",
        plural="Champion stories",
        facets=["agency", "theme"],
        snippet_fields=["summary", "body"],
        summary_field="summary",
        select_related=["area"],
    )
    register(
        ChampionProfilePage,
        slug="champion",
        label="Champion",
        plural="Champions",
        facets={"agency": "agency", "theme": "topics"},
        snippet_fields=["job_title", "help_with"],
        summary_field="help_with",
        select_related=["agency", "area"],
    )
