"""Write one backup archive: the database, the uploaded files and a manifest."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from portal.shell.backup import BackupError, Database, FileRoots, backup


def default_directory() -> Path:
    return Path(os.environ.get("PONTE_BACKUP_DIR") or Path(settings.VAR_DIR) / "backups")


class Command(BaseCommand):
    help = (
        "Write a backup archive (database, uploaded files, manifest with counts and checksums) "
        "into --output, by default PONTE_BACKUP_DIR or var/backups."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="Directory the archive is written to.")

    def handle(self, *args, **options) -> None:
        database = Database.from_settings(connections[DEFAULT_DB_ALIAS].settings_dict)
        try:
            path = backup(
                database=database,
                roots=FileRoots.from_settings(),
                directory=options["output"] or default_directory(),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        self.stdout.write(str(path))
