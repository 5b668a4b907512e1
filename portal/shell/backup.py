"""Backups that restore: one archive holds the database, the uploaded files and a manifest.

The archive is a plain tar file:

    manifest.json        time, app version, migration state per app, rows per table,
                         sha256 and size of every other member
    database.dump        PostgreSQL: `pg_dump --format=custom` (compressed by pg_dump)
    database.sqlite3     SQLite: a consistent copy taken with SQLite's backup API
    media/...            MEDIA_ROOT (logos)
    private/...          PRIVATE_MEDIA_ROOT (agreement documents)

A restore checks everything it can before it writes anything: the checksums, that this code
knows every migration the archive's database has applied, and that the target database and
folders are empty. Only then does it load the database and write the files, and it reports
the manifest's counts next to what is now in the target.

Code of the site shell: it touches every app's tables and both file roots.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
FILE_ROOTS = ("media", "private")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    """Where a database is: the subset of a Django `DATABASES` entry that backups need."""

    vendor: str  # "postgresql" or "sqlite"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, entry: Mapping[str, Any]) -> Database:
        engine = entry["ENGINE"]
        if engine.endswith("postgresql"):
            vendor = "postgresql"
        elif engine.endswith("sqlite3"):
            vendor = "sqlite"
        else:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
        return cls(
            vendor=vendor,
            name=str(entry["NAME"]),
            user=entry.get("USER") or "",
            password=entry.get("PASSWORD") or "",
            host=entry.get("HOST") or "",
            port=str(entry.get("PORT") or ""),
        )

    def libpq_env(self) -> dict[str, str]:
        # Passed to pg_dump/pg_restore through the environment: a password never shows in `ps`.
        env = dict(os.environ)
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGDATABASE", self.name),
        ):
            if value:
                env[key] = value
        return env

    def psycopg_kwargs(self) -> dict[str, str]:
        kwargs = {"dbname": self.name, "connect_timeout": "5"}
        for key, value in (
            ("host", self.host),
            ("port", self.port),
            ("user", self.user),
            ("password", self.password),
        ):
            if value:
                kwargs[key] = value
        return kwargs


@dataclass(frozen=True)
class FileRoots:
    """The folders of uploaded files, by their name inside the archive."""

    media: Path
    private: Path

    @classmethod
    def from_settings(cls) -> FileRoots:
        # The same default as agreements.storage.PrivateStorage.
        private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return cls(
            media=Path(settings.MEDIA_ROOT),
            private=Path(private or Path(settings.VAR_DIR) / "private"),
        )

    def items(self) -> list[tuple[str, Path]]:
        return [("media", self.media), ("private", self.private)]


@dataclass
class Restored:
    """What a restore did: the manifest's counts next to the target's."""

    manifest: dict[str, Any]
    tables: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0

    @property
    def mismatches(self) -> list[str]:
        return [name for name, (want, got) in self.tables.items() if want != got]


# ---------------------------------------------------------------- shared pieces


def app_version() -> str:
    try:
        return metadata.version("ponte")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _migrations_by_app(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(rows):
        state.setdefault(app, []).append(name)
    return state


def _quote(name: str) -> str:
    # Table names come from the database's own catalogue; quoting keeps mixed case and
    # reserved words working on both vendors.
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------- reading a database


def _sqlite_connect(name: str) -> sqlite3.Connection:
    # The test database is a shared in-memory one, named by a "file:" URI.
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        # Table names come from the database's own catalogue, quoted: no outside input.
        table: conn.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]  # nosec B608
        for table in _sqlite_tables(conn)
    }


def _pg_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cursor.fetchall()]


def _pg_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in _pg_tables(cursor):
        # Table names come from the database's own catalogue, quoted: no outside input.
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def target_counts(database: Database) -> dict[str, int]:
    """Rows per table of a database (every table, Django's own included)."""
    if database.vendor == "sqlite":
        if not _sqlite_exists(database.name):
            return {}
        with _closing(_sqlite_connect(database.name)) as conn:
            return _sqlite_counts(conn)
    import psycopg

    with psycopg.connect(**database.psycopg_kwargs()) as conn, conn.cursor() as cursor:
        return _pg_counts(cursor)


def _sqlite_exists(name: str) -> bool:
    return name.startswith("file:") or name == ":memory:" or Path(name).exists()


@contextmanager
def _closing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    # sqlite3's own context manager commits but does not close.
    try:
        yield conn
    finally:
        conn.close()


# ---------------------------------------------------------------- backup


def backup(*, database: Database, roots: FileRoots, directory: Path) -> Path:
    """Write one archive of the database and the uploaded files into `directory`.

    The rows counted in the manifest are those of the dumped snapshot: on PostgreSQL the dump
    and the counts share one exported snapshot; on SQLite they are read from the copy.
    Returns the archive's path. The site can keep running meanwhile.
    """
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    final = directory / f"ponte-{now:%Y%m%dT%H%M%SZ}.tar"
    with tempfile.TemporaryDirectory(prefix="ponte-backup-", dir=directory) as work:
        work_dir = Path(work)
        if database.vendor == "postgresql":
            db_member, db_file = POSTGRES_DUMP, work_dir / POSTGRES_DUMP
            migrations, counts = _pg_dump(database, db_file)
        else:
            db_member, db_file = SQLITE_COPY, work_dir / SQLITE_COPY
            migrations, counts = _sqlite_copy(database, db_file)
        members: list[tuple[str, Path]] = [(db_member, db_file)]
        for prefix, root in roots.items():
            for path in _files_under(root):
                members.append((f"{prefix}/{path.relative_to(root).as_posix()}", path))
        checksums = {}
        partial = work_dir / final.name
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            for name, path in members:
                checksums[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
                archive.add(path, arcname=name, recursive=False)
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(timespec="seconds"),
                "app_version": app_version(),
                "database": {"vendor": database.vendor, "member": db_member},
                "migrations": migrations,
                "tables": counts,
                "files": checksums,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(now.timestamp())
            archive.addfile(info, io.BytesIO(data))
        # Renamed into place only when complete: a crash never leaves a half archive that
        # looks like a good one.
        os.replace(partial, final)
    return final


def _pg_dump(database: Database, target: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    import psycopg

    with psycopg.connect(**database.psycopg_kwargs()) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            # The dump runs while this transaction holds the snapshot open, so the dump, the
            # migration state and the counts below all see the same moment.
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                env=database.libpq_env(),
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations_by_app(cursor.fetchall())
            counts = _pg_counts(cursor)
    return migrations, counts


def _sqlite_copy(database: Database, target: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    if not _sqlite_exists(database.name):
        raise BackupError(f"There is no database at {database.name}.")
    with (
        _closing(_sqlite_connect(database.name)) as source,
        _closing(sqlite3.connect(target)) as copy,
    ):
        # The backup API copies a consistent state even while the site writes.
        source.backup(copy)
        migrations = _migrations_by_app(
            copy.execute("SELECT app, name FROM django_migrations").fetchall()
        )
        counts = _sqlite_counts(copy)
    return migrations, counts


# ---------------------------------------------------------------- restore


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("This archive has no manifest.json: it is not a Ponte backup.") from None
    if handle is None:
        raise BackupError("This archive's manifest.json is not a file.")
    manifest = json.loads(handle.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This archive has format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def _safe_member_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name}.")
    return path


def verify(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member is in the manifest with its checksum, and every file listed is there."""
    expected: dict[str, dict[str, Any]] = manifest["files"]
    seen: set[str] = set()
    for member in archive.getmembers():
        if member.name == MANIFEST:
            continue
        _safe_member_name(member.name)
        if not member.isfile():
            raise BackupError(f"The archive holds {member.name}, which is not a plain file.")
        if member.name not in expected:
            raise BackupError(f"{member.name} is in the archive but not in its manifest.")
        digest = hashlib.sha256()
        handle = archive.extractfile(member)
        assert handle is not None  # a regular file always has a handle
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != expected[member.name]["sha256"]:
            raise BackupError(
                f"{member.name} does not match its checksum in the manifest: the archive is "
                "damaged or was changed. Nothing was restored."
            )
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive lacks files its manifest lists: {', '.join(missing)}.")


def unknown_migrations(manifest: dict[str, Any]) -> list[str]:
    """Migrations the archive's database has applied that this code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]


def _database_is_empty(database: Database) -> bool:
    return not target_counts(database)


def _folder_is_empty(root: Path) -> bool:
    return next(_files_under(root), None) is None


def check_restorable(
    *, archive: tarfile.TarFile, database: Database, roots: FileRoots
) -> dict[str, Any]:
    """Every refusal, before anything is written; returns the manifest."""
    manifest = read_manifest(archive)
    vendor = manifest["database"]["vendor"]
    if vendor != database.vendor:
        raise BackupError(
            f"This archive holds a {vendor} database; the target is {database.vendor}. "
            "Restore it with the same kind of database. Nothing was restored."
        )
    newer = unknown_migrations(manifest)
    if newer:
        raise BackupError(
            "This archive comes from a newer version of Ponte: its database has migrations "
            f"this code does not know ({', '.join(newer)}). Restore it with that version or a "
            "later one. Nothing was restored."
        )
    if not _database_is_empty(database):
        raise BackupError(
            f"The target database {database.name} is not empty. Restore into a new, empty "
            "database (createdb, or a new SQLite file). Nothing was restored."
        )
    for prefix, root in roots.items():
        if not _folder_is_empty(root):
            raise BackupError(
                f"The {prefix} folder {root} is not empty. Restore into empty folders. "
                "Nothing was restored."
            )
    # Last: it reads the whole archive.
    verify(archive, manifest)
    return manifest


def restore(*, archive_path: Path, database: Database, roots: FileRoots) -> Restored:
    """Load an archive into an empty database and empty file folders.

    Refuses (BackupError, nothing written) an archive from a newer migration state, with a
    checksum that does not match, of another kind of database, or a target that is not empty.
    """
    if not archive_path.is_file():
        raise BackupError(f"There is no archive at {archive_path}.")
    try:
        archive = tarfile.open(archive_path, "r:")  # noqa: SIM115 - closed by the `with` below
    except tarfile.TarError as exc:
        raise BackupError(f"{archive_path} is not a readable archive: {exc}.") from exc
    with archive, tempfile.TemporaryDirectory(prefix="ponte-restore-") as work:
        manifest = check_restorable(archive=archive, database=database, roots=roots)
        member = manifest["database"]["member"]
        extracted = Path(work) / member
        with archive.extractfile(member) as source, extracted.open("wb") as target:  # type: ignore[union-attr]
            shutil.copyfileobj(source, target, CHUNK)
        if database.vendor == "postgresql":
            _pg_restore(database, extracted)
        else:
            _sqlite_restore(database, extracted)
        result = Restored(manifest=manifest)
        result.files, result.bytes = _restore_files(archive, roots)
    counts = target_counts(database)
    for table in sorted(set(manifest["tables"]) | set(counts)):
        result.tables[table] = (manifest["tables"].get(table, 0), counts.get(table))
    return result


def _pg_restore(database: Database, dump: Path) -> None:
    result = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            # All or nothing: a failure leaves the target as empty as it was.
            "--single-transaction",
            f"--dbname={database.name}",
            str(dump),
        ],
        env=database.libpq_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {result.stderr.strip()}")


def _sqlite_restore(database: Database, copy: Path) -> None:
    if not database.name.startswith("file:"):
        Path(database.name).parent.mkdir(parents=True, exist_ok=True)
    with (
        _closing(sqlite3.connect(copy)) as source,
        _closing(_sqlite_connect(database.name)) as target,
    ):
        source.backup(target)


def _restore_files(archive: tarfile.TarFile, roots: FileRoots) -> tuple[int, int]:
    by_prefix = dict(roots.items())
    count = size = 0
    for member in archive.getmembers():
        path = _safe_member_name(member.name)
        if path.parts[0] not in by_prefix or len(path.parts) < 2:
            continue
        target = by_prefix[path.parts[0]].joinpath(*path.parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as source, target.open("xb") as out:  # type: ignore[union-attr]
            shutil.copyfileobj(source, out, CHUNK)
        count += 1
        size += member.size
    return count, size
