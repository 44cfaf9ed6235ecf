"""manage.py import_case_studies FILE [--publish] [--dry-run] [--parent PAGE_ID] [--format csv|json]
                                  [--user EMAIL] [--no-progress]

Imports case studies from a CSV or JSON file (columns: see case_studies/importer.py).
Problems go to stderr, one line per bad row ("row N (line L): reason; reason");
the summary goes to stdout. Exit status: 0 all rows good, 1 some rows failed (or
--publish was asked for but publishing is unavailable), 2 the file could not be used.
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from case_studies.importer import (
    COLUMNS,
    CaseStudyImporter,
    ImportFileError,
    format_finding,
    read_rows,
    unknown_columns,
)
from case_studies.models import CaseStudyIndexPage
from cms.users import roles


class Command(BaseCommand):
    help = (
        "Import case studies from a CSV or JSON file as draft pages under the case studies index. "
        "Columns: " + ", ".join(COLUMNS) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .json file (other names: the content is sniffed).")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each imported story that passes the anonymisation check; "
            "stories with findings stay drafts and are listed.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; save nothing.")
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="The CaseStudyIndexPage to import under (default: the only one).",
        )
        parser.add_argument("--format", choices=["csv", "json"], help="Override format detection.")
        parser.add_argument(
            "--user",
            metavar="EMAIL",
            help="An Editor to record as owner and revision author (default: none).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        try:
            rows = read_rows(options["file"], options["format"])
            importer = CaseStudyImporter(
                parent=self._parent(options["parent"]),
                publish=options["publish"],
                dry_run=options["dry_run"],
                user=self._user(options["user"]),
            )
        except ImportFileError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=2) from exc

        ignored = unknown_columns(rows)
        if ignored:
            self.stderr.write(f"warning: ignoring unknown column(s): {', '.join(ignored)}")

        bar = self._progress_bar(len(rows), options["no_progress"])
        report = importer.run(rows, progress=(lambda result: bar.update(1)) if bar else None)
        if bar:
            bar.close()

        for result in report.failed:
            self.stderr.write(f"{result.row.label}: {'; '.join(result.problems)}")
        defaulted = [r for r in report.results if r.warnings]
        if defaulted:
            self.stderr.write(
                f"warning: {len(defaulted)} row(s) had no consent_position: recorded as "
                f"'Consent position not recorded' (never as consent given); "
                f"check them before publishing"
            )
        if report.publish_unavailable:
            self.stderr.write(report.publish_unavailable + "; everything was left as drafts")
        if report.held:
            self.stdout.write("Held as drafts (anonymisation findings):")
            for result in report.held:
                self.stdout.write(
                    f'  {result.row.label} "{result.title}" (page {result.page_id}): '
                    + "; ".join(format_finding(f) for f in result.findings)
                )
        for result in report.publish_errors:
            self.stderr.write(
                f"{result.row.label}: saved as a draft but not published: {result.publish_error}"
            )

        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} of {len(report.results)} rows failed "
                f"(listed above); the other rows were imported",
                returncode=1,
            )
        if report.publish_unavailable:
            raise CommandError("publishing unavailable", returncode=1)

    def _parent(self, page_id):
        if page_id is None:
            return None  # the importer finds the single index page
        try:
            return CaseStudyIndexPage.objects.get(pk=page_id)
        except CaseStudyIndexPage.DoesNotExist:
            raise ImportFileError(f"--parent {page_id} is not a case studies index page") from None

    def _user(self, email):
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise ImportFileError(f"--user {email}: no such user")
        if not user.has_role(roles.EDITOR):
            raise ImportFileError(f"--user {email} is not an Editor")
        return user

    def _progress_bar(self, total, disabled):
        stream = getattr(self.stderr, "_out", sys.stderr)
        if disabled or total < 2 or not getattr(stream, "isatty", lambda: False)():
            return None
        from tqdm import tqdm

        return tqdm(total=total, file=stream, unit="row", desc="Importing", leave=False)
