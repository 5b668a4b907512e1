from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    """The site shell: home, figures, health, content loading; it may import every app."""

    name = "portal.shell"
    label = "shell"
    verbose_name = _("Site")
