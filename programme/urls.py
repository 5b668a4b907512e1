from django.urls import path

from programme.checkin import views as checkin
from programme.views import badges, delegation, invitations, public, staff

app_name = "programme"

urlpatterns = [
    path("", public.editions, name="editions"),
    path("<int:year>/", public.edition, name="edition"),
    path("<int:year>/programme/", public.programme, name="programme"),
    path("<int:year>/programme.ics", public.programme_ics, name="programme_ics"),
    path("<int:year>/sessions/<int:pk>/", public.session, name="session"),
    path("<int:year>/sessions/<int:pk>.ics", public.session_ics, name="session_ics"),
    path("<int:year>/register/", delegation.register, name="register"),
    path("<int:year>/delegation/", delegation.delegation, name="delegation"),
    path("<int:year>/delegation/<int:pk>/", delegation.registration_edit, name="registration_edit"),
    path(
        "<int:year>/delegation/<int:pk>/withdraw/",
        delegation.registration_withdraw,
        name="registration_withdraw",
    ),
    path(
        "<int:year>/delegation/invitations/<int:pk>/withdraw/",
        delegation.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:year>/invitations/", invitations.invitations, name="invitations"),
    path("<int:year>/invitations/<int:pk>/", invitations.invitation, name="invitation"),
    path(
        "<int:year>/invitations/<int:pk>/accept/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "<int:year>/invitations/<int:pk>/decline/",
        invitations.invitation_decline,
        name="invitation_decline",
    ),
    path("<int:year>/showcase/apply/", delegation.showcase_apply, name="showcase_apply"),
    path("<int:year>/staff/registrations/", staff.registrations, name="staff_registrations"),
    path(
        "<int:year>/staff/registrations.csv",
        staff.registrations_csv,
        name="staff_registrations_csv",
    ),
    path(
        "<int:year>/staff/registrations/<int:pk>/confirm/",
        staff.registration_confirm,
        name="staff_registration_confirm",
    ),
    path(
        "<int:year>/staff/registrations/<int:pk>/cancel/",
        staff.registration_cancel,
        name="staff_registration_cancel",
    ),
    path("<int:year>/badge.pdf", badges.own_badge, name="own_badge"),
    path("<int:year>/staff/badges.pdf", badges.edition_badges, name="staff_badges"),
    path(
        "<int:year>/staff/registrations/<int:pk>/badge.pdf",
        badges.registration_badge,
        name="staff_badge",
    ),
    path(
        "<int:year>/staff/registrations/<int:pk>/badge/reprint/",
        badges.registration_badge_reprint,
        name="staff_badge_reprint",
    ),
    path("<int:year>/staff/showcase/", staff.showcase, name="staff_showcase"),
    path(
        "<int:year>/staff/showcase/<int:pk>/shortlist/",
        staff.showcase_shortlist,
        name="staff_showcase_shortlist",
    ),
    path(
        "<int:year>/staff/showcase/<int:pk>/decline/",
        staff.showcase_decline,
        name="staff_showcase_decline",
    ),
    path("<int:year>/staff/copy/", staff.edition_copy, name="staff_edition_copy"),
    path("<int:year>/staff/check-in/", checkin.page, name="checkin"),
    path("<int:year>/staff/check-in/scan/", checkin.scan, name="checkin_scan"),
    path("<int:year>/staff/check-in/search/", checkin.search, name="checkin_search"),
    path("<int:year>/staff/attendance.csv", checkin.attendance_csv, name="attendance_csv"),
]
