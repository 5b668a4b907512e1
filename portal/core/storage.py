"""Where private files live (agreement documents, personal data archives): outside MEDIA_ROOT,
so no static route can serve them; only views that check rights hand them out."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files reachable only through views that check rights (no `url()`).

    The root is read on every access (`PRIVATE_MEDIA_ROOT`, default `var/private`), so tests
    can point it at a temporary directory and migrations do not record a path.
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self) -> str:  # type: ignore[override]
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or Path(settings.VAR_DIR) / "private"
        return str(root)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        # No public address: files are served by views that check rights
        # (`agreements.views.document`, `portal.core.views.personal_data.archive_download`).
        # An empty string keeps widgets that ask for a URL from failing.
        return ""
