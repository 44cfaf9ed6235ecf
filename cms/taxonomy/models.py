"""Taxonomy models. Each term has a canonical slug used in URLs and filters."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    """A named, slugged term. Subclasses differ only in meaning and ordering."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Used in web addresses and import files. Do not change once in use.",
    )
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Agency(Term):
    class Meta(Term.Meta):
        verbose_name_plural = "agencies"


class JourneyStage(Term):
    """Ordered: sort_order follows the child's journey through services."""


class ConcernType(Term):
    pass


class EvidenceType(Term):
    """`description` doubles as the plain-English limitations shown to readers."""


class Area(models.Model):
    """A local authority area, or 'National'. Never finer than local-authority level.

    Every UK authority that runs children's services is seeded from
    cms/taxonomy/local_authorities.py with its ONS (GSS) code and official name; `name` is the
    friendlier display name ("Bristol" for "Bristol, City of"). Editors may add other areas,
    which have no code. Resolve free-text area values with cms.taxonomy.areas.
    """

    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"

    # First letter of a GSS code -> nation.
    CODE_NATIONS = {
        "E": Nation.ENGLAND,
        "W": Nation.WALES,
        "S": Nation.SCOTLAND,
        "N": Nation.NORTHERN_IRELAND,
    }

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    official_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The official name, e.g. as the Office for National Statistics publishes it.",
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[EWSNewsn][0-9]{8}$", "Enter a GSS code: a letter and 8 digits.")],
        help_text="ONS code of the local authority, e.g. E06000023. Leave blank if it has none.",
    )
    nation = models.CharField(
        max_length=16,
        choices=Nation.choices,
        blank=True,
        help_text="Blank for 'National' and for areas that are not one UK nation.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("official_name"),
        FieldPanel("gss_code"),
        FieldPanel("nation"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"],
                condition=~models.Q(gss_code=""),
                name="taxonomy_area_gss_code_unique",
                violation_error_message="Another area already has this GSS code.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.gss_code = self.gss_code.strip().upper()
        code_nation = self.CODE_NATIONS.get(self.gss_code[:1])
        if code_nation:
            if not self.nation:
                self.nation = code_nation
            elif self.nation != code_nation:
                raise ValidationError({"nation": f"{self.gss_code} is a code in {code_nation.label}."})


class Theme(TagBase):
    """Themes and barriers, as free tags: editors may add new ones while tagging."""

    free_tagging = True
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
