"""The core's pages: the partner directory, organisations and their members, staff review."""

from django.urls import path

from portal.core.views import account as account_views
from portal.core.views import directory as directory_views
from portal.core.views import organisations as organisation_views
from portal.core.views import personal_data as personal_data_views
from portal.core.views import review as review_views

app_name = "portal"

MY = "my/organisations/<slug:slug>/"

urlpatterns = [
    # Public
    path("partners/", directory_views.directory, name="directory"),
    path("cooperation/", directory_views.cooperation, name="cooperation"),
    path("partners/<slug:slug>/", directory_views.organisation, name="organisation"),
    path("partners/<slug:slug>/join/", directory_views.join, name="join"),
    path("invitations/<str:token>/", directory_views.invitation, name="invitation"),
    # The person's own
    path("my/account/", account_views.account, name="account"),
    path("my/welcome/", account_views.welcome, name="welcome"),
    path("my/privacy-notice/read/", account_views.privacy_read, name="privacy_read"),
    path("my/account/delete/", personal_data_views.account_delete, name="account_delete"),
    path("my/account/archive/", personal_data_views.archive_request, name="archive_request"),
    path(
        "my/account/archive/<int:pk>/",
        personal_data_views.archive_download,
        name="archive_download",
    ),
    # Members
    path("my/organisations/", organisation_views.my_organisations, name="my_organisations"),
    path(
        "my/organisations/new/",
        organisation_views.organisation_register,
        name="organisation_register",
    ),
    path(MY, organisation_views.organisation_manage, name="organisation_manage"),
    path(f"{MY}edit/", organisation_views.organisation_edit, name="organisation_edit"),
    path(f"{MY}me/", organisation_views.membership_own, name="membership_own"),
    path(f"{MY}invite/", organisation_views.organisation_invite, name="organisation_invite"),
    path(
        f"{MY}invitations/<int:pk>/revoke/",
        organisation_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(f"{MY}members/<int:pk>/role/", organisation_views.membership_role, name="membership_role"),
    path(
        f"{MY}members/<int:pk>/remove/",
        organisation_views.membership_remove,
        name="membership_remove",
    ),
    path(
        f"{MY}requests/<int:pk>/accept/",
        organisation_views.join_request_accept,
        name="join_request_accept",
    ),
    path(
        f"{MY}requests/<int:pk>/decline/",
        organisation_views.join_request_decline,
        name="join_request_decline",
    ),
    path(f"{MY}profiles/new/", organisation_views.profile_create, name="profile_create"),
    path(f"{MY}profiles/<int:pk>/edit/", organisation_views.profile_edit, name="profile_edit"),
    path(
        f"{MY}profiles/<int:pk>/delete/", organisation_views.profile_delete, name="profile_delete"
    ),
    # Staff
    path(
        "staff/personal-data/",
        personal_data_views.staff_personal_data,
        name="staff_personal_data",
    ),
    path("staff/review/", review_views.review, name="review"),
    path(
        "staff/review/organisations/<int:pk>/approve/",
        review_views.organisation_approve,
        name="review_organisation_approve",
    ),
    path(
        "staff/review/organisations/<int:pk>/reject/",
        review_views.organisation_reject,
        name="review_organisation_reject",
    ),
    path(
        "staff/review/changes/<int:pk>/approve/",
        review_views.change_approve,
        name="review_change_approve",
    ),
    path(
        "staff/review/changes/<int:pk>/reject/",
        review_views.change_reject,
        name="review_change_reject",
    ),
    path(
        "staff/review/profiles/<int:pk>/approve/",
        review_views.profile_approve,
        name="review_profile_approve",
    ),
    path(
        "staff/review/profiles/<int:pk>/reject/",
        review_views.profile_reject,
        name="review_profile_reject",
    ),
]
