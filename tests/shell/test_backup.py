"""Backups restore every row and every file, and a bad archive is refused with nothing changed."""

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from agreements import services as agreement_services
from agreements.models import Agreement, Document
from portal.core.logos import clean_logo
from portal.core.models import Membership, Organisation
from portal.core.services import organisations as organisation_services
from portal.shell.backup import BackupError, Database, FileRoots, backup, restore
from tests.agreements.factories import pdf_upload
from tests.core.test_logos import image_bytes, upload
from tests.factories import AgreementFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(settings, tmp_path) -> FileRoots:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileRoots.from_settings()


# These restore the embedded default's archive into a SQLite file; on PostgreSQL the archive is
# a pg_dump: the PostgreSQL round trip is test_backup_on_postgresql_restores_every_row_(...).
embedded_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="restores the embedded default's archive; runs in the embedded pass",
)


def make_content(*, seeds: bool = True) -> tuple[Organisation, Document]:
    """Content of every kind: the seeds, the demonstration edition, a logo and a document.

    Without `seeds`, only the logo and the document (enough for the refusals, and quicker).
    """
    if seeds:
        call_command("load_content", "--demo", stdout=io.StringIO())
    else:
        OrganisationFactory(status=Organisation.Status.APPROVED)
        AgreementFactory()
    organisation = Organisation.objects.filter(status=Organisation.Status.APPROVED).first()
    admin = UserFactory()
    Membership.objects.create(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    organisation_services.organisation_update(
        organisation=organisation,
        user=admin,
        data={},
        areas=organisation.areas.all(),
        logo=clean_logo(upload(image_bytes("PNG"))),
    )
    document = agreement_services.document_add(
        agreement=Agreement.objects.order_by("pk").first(), upload=pdf_upload(), title="MoU"
    )
    organisation.refresh_from_db()
    return organisation, document


def source() -> Database:
    return Database.from_settings(connection.settings_dict)


def files_of(roots: FileRoots) -> dict[str, bytes]:
    return {
        f"{prefix}/{path.relative_to(root).as_posix()}": path.read_bytes()
        for prefix, root in roots.items()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def sqlite_rows(name: str) -> dict[str, list]:
    conn = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows = {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
        return {t: sorted(found, key=repr) for t, found in rows.items()}
    finally:
        conn.close()


def postgres_rows(database: Database) -> dict[str, list]:
    import psycopg

    with psycopg.connect(**database.psycopg_kwargs()) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        rows = {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
        return {t: sorted(found, key=repr) for t, found in rows.items()}


def rewrite(archive: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of `archive` with some members' bytes replaced (a damaged or forged archive)."""
    with tarfile.open(archive) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            data = replace.get(member.name, data)
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


@embedded_only
def test_backup_of_the_embedded_default_restores_every_row_and_file(roots, tmp_path) -> None:
    organisation, document = make_content()
    archive = backup(database=source(), roots=roots, directory=tmp_path / "backups")
    target = Database(vendor="sqlite", name=str(tmp_path / "restored.sqlite3"))
    restored_roots = FileRoots(media=tmp_path / "media2", private=tmp_path / "private2")

    result = restore(archive_path=archive, database=target, roots=restored_roots)

    before = sqlite_rows(connection.settings_dict["NAME"])
    assert sqlite_rows(target.name) == before
    assert result.mismatches == []
    assert result.tables["portal_organisation"] == (len(before["portal_organisation"]),) * 2
    assert result.tables["agreements_document"] == (1, 1)
    assert files_of(restored_roots) == files_of(roots)
    assert sorted(files_of(roots)) == [
        f"media/{organisation.logo.name}",
        f"private/{document.file.name}",
    ]
    assert result.files == 2
    manifest = result.manifest
    assert manifest["database"] == {"vendor": "sqlite", "member": "database.sqlite3"}
    assert "0001_initial" in manifest["migrations"]["agreements"]
    assert manifest["app_version"] == "0.1.0"


@pytest.mark.postgres
def test_backup_on_postgresql_restores_every_row_and_file_into_a_fresh_database(
    roots, tmp_path
) -> None:
    import psycopg

    organisation, document = make_content()
    archive = backup(database=source(), roots=roots, directory=tmp_path / "backups")
    fresh = "ponte_h_backup_restored_test"
    admin = Database(**{**source().__dict__, "name": "postgres"})
    with psycopg.connect(**admin.psycopg_kwargs(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        conn.execute(f'CREATE DATABASE "{fresh}"')
    target = Database(**{**source().__dict__, "name": fresh})
    restored_roots = FileRoots(media=tmp_path / "media2", private=tmp_path / "private2")
    try:
        result = restore(archive_path=archive, database=target, roots=restored_roots)

        before = postgres_rows(source())
        assert postgres_rows(target) == before
        assert result.mismatches == []
        assert result.tables["agreements_document"] == (1, 1)
        assert result.tables["portal_organisation"] == (len(before["portal_organisation"]),) * 2
        assert files_of(restored_roots) == files_of(roots)
        assert sorted(files_of(roots)) == [
            f"media/{organisation.logo.name}",
            f"private/{document.file.name}",
        ]
    finally:
        with psycopg.connect(**admin.psycopg_kwargs(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


@pytest.fixture
def archive(roots, tmp_path) -> Path:
    make_content(seeds=False)
    return backup(database=source(), roots=roots, directory=tmp_path / "backups")


def empty_target(tmp_path) -> tuple[Database, FileRoots]:
    database = Database(vendor="sqlite", name=str(tmp_path / "restored.sqlite3"))
    return database, FileRoots(media=tmp_path / "media2", private=tmp_path / "private2")


def assert_nothing_restored(database: Database, roots: FileRoots) -> None:
    assert not Path(database.name).exists()
    assert not roots.media.exists()
    assert not roots.private.exists()


@embedded_only
def test_restore_refuses_a_file_changed_in_the_archive(archive, tmp_path) -> None:
    with tarfile.open(archive) as tar:
        logo = next(m.name for m in tar.getmembers() if m.name.startswith("media/"))
    tampered = rewrite(archive, tmp_path / "tampered.tar", {logo: b"not the logo"})
    database, roots = empty_target(tmp_path)

    with pytest.raises(BackupError) as refused:
        restore(archive_path=tampered, database=database, roots=roots)

    assert str(refused.value) == (
        f"{logo} does not match its checksum in the manifest: the archive is damaged or was "
        "changed. Nothing was restored."
    )
    assert_nothing_restored(database, roots)


@embedded_only
def test_restore_refuses_an_archive_from_a_newer_migration_state(archive, tmp_path) -> None:
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["migrations"]["agreements"].append("9999_from_the_future")
    newer = rewrite(
        archive, tmp_path / "newer.tar", {"manifest.json": json.dumps(manifest).encode()}
    )
    database, roots = empty_target(tmp_path)

    with pytest.raises(BackupError) as refused:
        restore(archive_path=newer, database=database, roots=roots)

    assert str(refused.value) == (
        "This archive comes from a newer version of Ponte: its database has migrations this "
        "code does not know (agreements.9999_from_the_future). Restore it with that version or "
        "a later one. Nothing was restored."
    )
    assert_nothing_restored(database, roots)


@embedded_only
def test_restore_refuses_a_database_that_is_not_empty(archive, tmp_path) -> None:
    database, roots = empty_target(tmp_path)
    with sqlite3.connect(database.name) as conn:
        conn.execute("CREATE TABLE kept (id integer)")

    with pytest.raises(BackupError) as refused:
        restore(archive_path=archive, database=database, roots=roots)

    assert str(refused.value) == (
        f"The target database {database.name} is not empty. Restore into a new, empty "
        "database (createdb, or a new SQLite file). Nothing was restored."
    )
    assert sqlite_rows(database.name) == {"kept": []}
    assert not roots.media.exists()


@embedded_only
def test_restore_refuses_a_media_folder_that_is_not_empty(archive, tmp_path) -> None:
    database, roots = empty_target(tmp_path)
    roots.media.mkdir()
    (roots.media / "old.png").write_bytes(b"old")

    with pytest.raises(BackupError) as refused:
        restore(archive_path=archive, database=database, roots=roots)

    assert str(refused.value) == (
        f"The media folder {roots.media} is not empty. Restore into empty folders. "
        "Nothing was restored."
    )
    assert not Path(database.name).exists()
    assert [p.name for p in roots.media.iterdir()] == ["old.png"]


@embedded_only
def test_restore_command_prints_the_manifest_counts_beside_the_restored_ones(
    archive, settings, tmp_path, monkeypatch
) -> None:
    database, roots = empty_target(tmp_path)
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = roots.media, roots.private
    # The test database stays where it is; the command restores into the empty file.
    monkeypatch.setattr(Database, "from_settings", classmethod(lambda cls, entry: database))
    out = io.StringIO()

    call_command("restore", str(archive), stdout=out)

    lines = out.getvalue().splitlines()
    documents = next(line for line in lines if line.startswith("agreements_document "))
    assert documents.split() == ["agreements_document", "1", "1"]
    assert "files: 2 in the archive, 2 restored" in out.getvalue()
    assert lines[-1] == "Restore complete."


def test_restore_command_refuses_with_the_reason(tmp_path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "nowhere.tar"))
    assert str(refused.value) == f"There is no archive at {tmp_path / 'nowhere.tar'}."
