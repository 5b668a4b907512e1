"""Restore a backup archive into an empty database and empty file folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from portal.shell.backup import BackupError, Database, FileRoots, Restored, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty database and empty media "
        "folders; refuses a damaged archive or one from a newer version, changing nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args, **options) -> None:
        database = Database.from_settings(connections[DEFAULT_DB_ALIAS].settings_dict)
        # The restore writes through connections of its own; Django's must not hold the file.
        connections.close_all()
        try:
            result = restore(
                archive_path=options["archive"], database=database, roots=FileRoots.from_settings()
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.report(result)
        if result.mismatches:
            raise CommandError(
                "The restored counts differ from the manifest's for: "
                + ", ".join(result.mismatches)
            )

    def report(self, result: Restored) -> None:
        manifest = result.manifest
        self.stdout.write(
            f"Archive of {manifest['created_at']}, Ponte {manifest['app_version']}, "
            f"{manifest['database']['vendor']}."
        )
        width = max((len(name) for name in result.tables), default=5)
        self.stdout.write(f"{'table':<{width}}  {'archive':>9}  {'restored':>9}")
        for table, (want, got) in result.tables.items():
            mark = "" if want == got else "  <- differs"
            shown = "missing" if got is None else f"{got:,}"
            self.stdout.write(f"{table:<{width}}  {want:>9,}  {shown:>9}{mark}")
        listed = sum(1 for name in manifest["files"] if name.split("/", 1)[0] != name)
        self.stdout.write(
            f"files: {listed:,} in the archive, {result.files:,} restored "
            f"({result.bytes:,} bytes), every checksum verified."
        )
        self.stdout.write(self.style.SUCCESS("Restore complete."))
