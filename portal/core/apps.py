from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The core: people, organisations, memberships, cooperation offers, notifications.

    The label stays "portal" (the package's name before it moved to portal.core), so tables,
    migrations, AUTH_USER_MODEL ("portal.User") and URL namespaces are unchanged.
    """

    name = "portal.core"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Registers the `__folded` lookup and SQLite's `ponte_fold` function.
        from portal.core import personal_data, search  # noqa: F401
        from portal.core.cache_versions import watch
        from portal.core.models import (
            City,
            CooperationProfile,
            Membership,
            Organisation,
            ThematicArea,
            User,
        )
        from portal.core.notifications import unread as unread_notifications
        from portal.core.services.export import core_export

        # The apps built on the core add their own holders (programme, matchmaking...).
        personal_data.register(
            personal_data.Holder(
                name="account",
                covers=(
                    "account.EmailAddress",
                    "mfa.Authenticator",
                    "portal.Organisation",
                    "portal.CooperationProfile",
                    "portal.Membership",
                    "portal.Invitation",
                    "portal.JoinRequest",
                    "portal.Notification",
                    "portal.NotificationPreference",
                    "portal.DataRequest",
                ),
                export=core_export,
                order=0,
            )
        )

        # What the public pages show; a user's name shows among an organisation's public
        # members, a sign-in (last_login) shows nowhere.
        watch(Organisation, City, ThematicArea, CooperationProfile, Membership, name="directory")
        watch(User, name="directory", ignore_fields=("last_login", "password"))
        unread_notifications.connect()
