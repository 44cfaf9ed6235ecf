"""The certificate as a one-page PDF (A4 landscape), made with fpdf2.

It says who completed which programme and when, lists the modules, and gives the
verification code (XXXX-XXXX-XXXX) with the absolute address where anyone can check it.

fpdf2's core fonts (Helvetica here) need no font files and are declared with
WinAnsiEncoding, so text is written as Windows-1252: curly quotes, dashes and accented
Latin letters print as they are; anything else is swapped for the nearest plain letter or
mark (``pdf_safe``) rather than failing. A name in a script the core fonts cannot show at
all (for example Arabic or Chinese) prints as question marks: embedding a Unicode font
would fix that if it is ever needed.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from cms.core.pdf_text import ENCODING, FONT, pdf_safe

from .certificates import display

# Page geometry, in millimetres (A4 landscape is 297 x 210).
PAGE_WIDTH, PAGE_HEIGHT = 297, 210
MARGIN = 22
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_TOP = PAGE_HEIGHT - MARGIN - 22
MODULE_SIZES = (12, 11, 10, 9, 8, 7)  # points: the modules list shrinks to stay on one page
POINT = 0.3528  # millimetres


def govuk_date(moment):
    """21 November 2026, in the site's time zone."""
    return dateformat.format(timezone.localtime(moment), "j F Y")


def verification_url(certificate, request=None):
    """The absolute address of this certificate's verification page: on the site's
    configured address (``WAGTAILADMIN_BASE_URL``), else the request's."""
    path = reverse("certificates:verify", args=[display(certificate.code)])
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


class _CertificatePDF(FPDF):
    def __init__(self):
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)

    def centred(self, text, size, *, style="", height=None, gap=0):
        self.set_font(FONT, style, size)
        self.set_x(MARGIN)
        self.multi_cell(
            TEXT_WIDTH,
            height or size * POINT * 1.35,
            pdf_safe(text),
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if gap:
            self.ln(gap)

    def fitting_size(self, text, size, style="", smallest=12):
        """The largest size up to `size` at which `text` fits one line (else `smallest`,
        where it wraps)."""
        text = pdf_safe(text)
        while size > smallest:
            self.set_font(FONT, style, size)
            if self.get_string_width(text) <= TEXT_WIDTH:
                break
            size -= 1
        return size

    def lines_needed(self, text, width, size):
        self.set_font(FONT, "", size)
        return len(self.multi_cell(width, 1, pdf_safe(text), dry_run=True, output=MethodReturnValue.LINES))


def _modules_layout(pdf, modules, available):
    """(font size, columns, modules shown, line height) that fit `available` millimetres."""
    for size in MODULE_SIZES:
        line = size * POINT * 1.45
        for columns in (1, 2):
            width = TEXT_WIDTH / columns - 4
            rows = [pdf.lines_needed("\u2022 " + title, width, size) for title in modules]
            if _column_height(rows, columns) * line <= available:
                return size, columns, len(modules), line
    # Very many modules: the smallest size, two columns, as many as fit and "and N more".
    size, columns = MODULE_SIZES[-1], 2
    line = size * POINT * 1.45
    width = TEXT_WIDTH / columns - 4
    shown = len(modules)
    while shown > 0:
        rows = [pdf.lines_needed("\u2022 " + title, width, size) for title in modules[:shown]] + [1]
        if _column_height(rows, columns) * line <= available:
            break
        shown -= 1
    return size, columns, shown, line


def _column_height(rows, columns):
    """Lines in the tallest column when `rows` (lines per item) are split in order."""
    per_column = -(-len(rows) // columns) if rows else 0
    return max((sum(rows[i : i + per_column]) for i in range(0, len(rows), per_column or 1)), default=0)


def certificate_pdf(certificate, *, request=None):
    """The certificate as PDF bytes (one A4 landscape page)."""
    pdf = _CertificatePDF()
    service = getattr(settings, "SERVICE_NAME", "")
    pdf.set_title(f"Certificate of completion: {certificate.programme_title}")
    pdf.set_author(service or "Certificate of completion")
    pdf.set_subject(f"{certificate.holder_name} completed {certificate.programme_title}")
    pdf.set_creator(service or "Certificate of completion")
    pdf.set_keywords(f"certificate {display(certificate.code)}")
    pdf.set_lang("en-GB")
    pdf.set_creation_date(certificate.issued_at)
    pdf.add_page()

    # A plain double border.
    pdf.set_draw_color(29, 112, 184)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, PAGE_WIDTH - 20, PAGE_HEIGHT - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)
    pdf.set_text_color(11, 12, 12)

    pdf.set_y(MARGIN)
    if service:
        pdf.centred(service, 11, gap=2)
    pdf.centred("Certificate of completion", 30, style="B", gap=4)
    pdf.centred("This is to certify that", 13)
    pdf.centred(certificate.holder_name, pdf.fitting_size(certificate.holder_name, 24, "B"), style="B", gap=1)
    pdf.centred("completed", 13)
    pdf.centred(
        certificate.programme_title,
        pdf.fitting_size(certificate.programme_title, 18, "B"),
        style="B",
        gap=1,
    )
    pdf.centred(f"on {govuk_date(certificate.completed_at)}", 13, gap=4)

    modules = [str(title) for title in certificate.modules]
    if modules:
        pdf.centred("Modules completed", 12, style="B", gap=1)
        top = pdf.get_y()
        size, columns, shown, line = _modules_layout(pdf, modules, FOOTER_TOP - 3 - top)
        items = ["\u2022 " + title for title in modules[:shown]]
        if shown < len(modules):
            items.append(f"and {len(modules) - shown} more modules")
        per_column = -(-len(items) // columns)
        width = TEXT_WIDTH / columns - 4
        for column in range(columns):
            pdf.set_y(top)
            x = MARGIN + column * (TEXT_WIDTH / columns) + 2
            if columns == 1:
                # One column: as wide as the longest item, centred on the page.
                pdf.set_font(FONT, "", size)
                longest = max(pdf.get_string_width(pdf_safe(item)) for item in items) + 2
                width = min(TEXT_WIDTH - 4, longest)
                x = (PAGE_WIDTH - width) / 2
            pdf.set_font(FONT, "", size)
            for item in items[column * per_column : (column + 1) * per_column]:
                pdf.set_x(x)
                pdf.multi_cell(
                    width, line, pdf_safe(item), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )

    pdf.set_y(FOOTER_TOP)
    pdf.set_draw_color(177, 180, 182)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, FOOTER_TOP - 2, PAGE_WIDTH - MARGIN, FOOTER_TOP - 2)
    pdf.centred(f"Verification code: {display(certificate.code)}", 12, style="B")
    pdf.centred(f"Check this certificate at {verification_url(certificate, request)}", 10)
    if certificate.expires_at:
        pdf.centred(f"Refresher due by {govuk_date(certificate.expires_at)}", 10)
    return bytes(pdf.output())
