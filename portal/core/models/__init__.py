"""The core app's models, one module per subject; Django finds them through this package."""

from portal.core.models.cooperation import CooperationProfile
from portal.core.models.memberships import Invitation, JoinRequest, Membership
from portal.core.models.notifications import Notification, NotificationPreference
from portal.core.models.organisations import City, Organisation, OrganisationQuerySet, ThematicArea
from portal.core.models.personal_data import DataRequest, RetentionRun
from portal.core.models.users import User, UserManager

__all__ = [
    "City",
    "CooperationProfile",
    "DataRequest",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "OrganisationQuerySet",
    "RetentionRun",
    "ThematicArea",
    "User",
    "UserManager",
]
