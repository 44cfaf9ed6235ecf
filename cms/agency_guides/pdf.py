"""An agency guide as a one-page PDF (A4 portrait), made with fpdf2.

The sections follow the web page: summary, what the agency does with a concern, its
levels of risk or need (a table: each level, what it means, a low, medium and high
example), the information it holds, what it can share, how to reach it and its common
terms (names and expansions only: the meanings are on the glossary pages, to keep to one
page). The footer gives the review date and the guide's web address.

The text size starts at 10pt and shrinks, step by step, until the guide fits one page; a
guide too long even at the smallest size runs on to a second page rather than losing text.

fpdf2's core fonts (Helvetica) need no font files and are declared with WinAnsiEncoding,
so text is written as Windows-1252: curly quotes, dashes and accented Latin letters print
as they are; anything else is swapped for the nearest plain letter or mark (``pdf_safe``,
the same approach as the training certificate) rather than failing.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from cms.core.pdf_text import ENCODING, FONT, pdf_safe

# Page geometry, in millimetres (A4 portrait is 210 x 297).
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN = 12
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_HEIGHT = 12  # reserved at the foot of the page for the review date and address
SIZES = (10, 9.5, 9, 8.5, 8, 7.5, 7)  # points: the text shrinks until the guide fits one page
POINT = 0.3528  # millimetres
BLACK = (11, 12, 12)
GREY = (80, 90, 95)
BLUE = (29, 112, 184)
# Column widths of the levels table (level, what it means, low, medium, high).
TIER_COLUMNS = (32, 43, 37, 37, 37)


def _plain(text):
    """pdf_safe text that fpdf2's markdown reads literally (no stray bold, italic or underline)."""
    text = pdf_safe(text)
    for marker, single in (("**", "*"), ("__", "_"), ("--", "\u2013")):
        while marker in text:
            text = text.replace(marker, single)
    return text


def govuk_date(value):
    """22 November 2027."""
    return dateformat.format(value, "j F Y")


def guide_url(guide, request=None):
    """The absolute address of the guide's page: on the site's configured address
    (``WAGTAILADMIN_BASE_URL``), else the request's."""
    path = reverse("agency_guides:detail", args=[guide.agency.slug])
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def glossary_url(request=None):
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if base:
        return base + "/glossary/"
    if request is not None:
        return request.build_absolute_uri("/glossary/")
    return "/glossary/"


def paragraphs(text):
    """Editor-written text split into paragraphs at blank lines."""
    return [" ".join(part.split()) for part in str(text).replace("\r\n", "\n").split("\n\n") if part.strip()]


class _GuidePDF(FPDF):
    def __init__(self, size, footer_lines):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.size = size
        self.footer_lines = footer_lines
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + FOOTER_HEIGHT)
        self.set_text_color(*BLACK)

    @property
    def leading(self):
        return self.size * POINT * 1.3

    def footer(self):
        self.set_y(PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT + 3)
        self.set_draw_color(177, 180, 182)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y() - 1.5, PAGE_WIDTH - MARGIN, self.get_y() - 1.5)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        for text in self.footer_lines:
            self.set_x(MARGIN)
            self.multi_cell(
                TEXT_WIDTH, 3.6, pdf_safe(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.set_text_color(*BLACK)

    def heading(self, text):
        self.ln(self.size * 0.35)
        self.set_font(FONT, "B", self.size + 2)
        self.set_text_color(*BLACK)
        self.multi_cell(
            TEXT_WIDTH,
            (self.size + 2) * POINT * 1.3,
            pdf_safe(text),
            align=Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(self.size * 0.08)

    def paragraph(self, text, *, style="", size=None, gap=True):
        size = size or self.size
        self.set_font(FONT, style, size)
        self.multi_cell(
            TEXT_WIDTH, size * POINT * 1.3, pdf_safe(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        if gap:
            self.ln(self.size * 0.12)

    def bullets(self, items):
        """Bulleted items; each item may be (bold lead, rest)."""
        self.set_font(FONT, "", self.size)
        indent = 4
        for item in items:
            lead, rest = item if isinstance(item, tuple) else ("", item)
            self.set_x(MARGIN)
            self.cell(indent, self.leading, "\u2022")
            text = _plain(rest)
            if lead:
                text = f"**{_plain(lead)}**" + (f" \u2013 {text}" if text else "")
            self.multi_cell(
                TEXT_WIDTH - indent,
                self.leading,
                text,
                align=Align.L,
                markdown=True,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        self.ln(self.size * 0.12)

    def tiers_table(self, tiers):
        self.set_font(FONT, "", self.size - 0.5)
        self.set_draw_color(177, 180, 182)
        self.set_line_width(0.2)
        heading = FontFace(emphasis="BOLD", fill_color=(243, 242, 241))
        with self.table(
            col_widths=TIER_COLUMNS,
            width=TEXT_WIDTH,
            align=Align.L,
            text_align=Align.L,
            v_align=VAlign.T,
            line_height=(self.size - 0.5) * POINT * 1.25,
            padding=(0.8, 1.2),
            headings_style=heading,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            first_row_as_headings=True,
        ) as table:
            row = table.row()
            for label in ("Level", "What it means", "Low example", "Medium example", "High example"):
                row.cell(label)
            for tier in tiers:
                row = table.row()
                row.cell(pdf_safe(tier["name"]), style=FontFace(emphasis="BOLD"))
                for key in ("description", "low", "medium", "high"):
                    row.cell(pdf_safe(tier[key]))
        self.ln(self.size * 0.2)


def guide_content(guide):
    """The parts of the guide the PDF prints, as plain Python values."""
    return {
        "agency": guide.agency.name,
        "summary": guide.summary,
        "what_it_does": paragraphs(guide.what_it_does),
        "tiers": [dict(block.value) for block in guide.tiers],
        "holds": [str(block.value) for block in guide.holds],
        "can_share": paragraphs(guide.can_share),
        "how_to_reach": [(block.value["route"], block.value["when"]) for block in guide.how_to_reach],
        "terms": [
            f"{term.term} ({term.expansion})" if term.expansion else term.term
            for term in guide.common_terms.all()
        ],
        "review_date": guide.review_date,
    }


def _render(content, size, footer_lines, service):
    pdf = _GuidePDF(size, footer_lines)
    pdf.set_title(f"{content['agency']}: agency guide")
    pdf.set_author(service or "Agency guide")
    pdf.set_subject(f"A one-page guide to {content['agency']} for safeguarding practitioners")
    pdf.set_creator(service or "Agency guide")
    pdf.set_lang("en-GB")
    pdf.add_page()

    if service:
        pdf.set_text_color(*GREY)
        pdf.paragraph(f"{service}: agency guide", size=size - 1, gap=False)
        pdf.set_text_color(*BLACK)
    pdf.set_font(FONT, "B", size + 8)
    pdf.multi_cell(
        TEXT_WIDTH,
        (size + 8) * POINT * 1.2,
        pdf_safe(content["agency"]),
        align=Align.L,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(size * 0.15)
    pdf.paragraph(content["summary"], size=size + 0.5)

    pdf.heading("What they do with a safeguarding concern")
    for text in content["what_it_does"]:
        pdf.paragraph(text)

    pdf.heading("Levels of risk or need")
    pdf.paragraph("Lowest first, each with a short fictional example from its lower, middle and upper end.")
    if content["tiers"]:
        pdf.tiers_table(content["tiers"])

    pdf.heading("Information they usually hold")
    pdf.bullets(content["holds"])

    pdf.heading("What they can share")
    for text in content["can_share"]:
        pdf.paragraph(text)

    pdf.heading("How to reach them")
    pdf.bullets(content["how_to_reach"])

    if content["terms"]:
        pdf.heading("Common terms")
        pdf.paragraph("; ".join(content["terms"]) + ".")
    return pdf


def guide_pdf(guide, *, request=None):
    """The guide as PDF bytes: one A4 portrait page, unless it is too long even in small type."""
    content = guide_content(guide)
    service = getattr(settings, "SERVICE_NAME", "")
    footer_lines = [
        f"Next review due {govuk_date(content['review_date'])}. Meanings of the common terms: "
        f"{glossary_url(request)}",
        f"This guide online, kept up to date: {guide_url(guide, request)}",
    ]
    for size in SIZES:
        pdf = _render(content, size, footer_lines, service)
        if pdf.pages_count == 1:
            break
    return bytes(pdf.output())
