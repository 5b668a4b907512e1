from django.urls import path

from matchmaking.views import calendar, participant, staff

app_name = "matchmaking"

urlpatterns = [
    path("feed/<str:token>.ics", calendar.feed, name="feed"),
    path("<int:year>/", participant.home, name="requests"),
    path("<int:year>/join/", participant.join, name="join"),
    path("<int:year>/availability/", participant.availability, name="availability"),
    path("<int:year>/partners/", participant.catalogue, name="catalogue"),
    path("<int:year>/partners/<int:pk>/", participant.participant, name="participant"),
    path("<int:year>/partners/<int:pk>/request/", participant.request_create, name="request"),
    path(
        "<int:year>/requests/<int:pk>/<str:action>/",
        participant.request_answer,
        name="answer",
    ),
    path("<int:year>/agenda/", participant.agenda, name="agenda"),
    path("<int:year>/agenda/reset-feed/", participant.feed_reset, name="feed_reset"),
    path("<int:year>/delegation/<slug:slug>/", participant.delegation, name="delegation"),
    path("<int:year>/meetings/<int:pk>/", participant.meeting, name="meeting"),
    path("<int:year>/meetings/<int:pk>/feedback/", participant.feedback, name="feedback"),
    path("<int:year>/staff/", staff.staff_home, name="staff"),
    path("<int:year>/staff/runs/", staff.run_start, name="run_start"),
    path("<int:year>/staff/runs/<int:pk>/", staff.run_status, name="run"),
    path("<int:year>/staff/runs/<int:pk>/confirm/", staff.run_confirm, name="run_confirm"),
    path("<int:year>/staff/requests/", staff.requests_list, name="staff_requests"),
    path("<int:year>/staff/requests/new/", staff.on_behalf, name="on_behalf"),
    path("<int:year>/staff/sessions/<int:pk>/", staff.grid, name="grid"),
    path("<int:year>/staff/sessions/<int:pk>/schedule.csv", staff.grid_csv, name="grid_csv"),
    path("<int:year>/staff/sessions/<int:pk>/print/", staff.grid_print, name="grid_print"),
    path("<int:year>/staff/meetings/<int:pk>/move/", staff.meeting_move, name="move"),
    path("<int:year>/staff/meetings/<int:pk>/swap/", staff.meeting_swap, name="swap"),
    path("<int:year>/staff/meetings/<int:pk>/cancel/", staff.meeting_cancel, name="cancel"),
    path("<int:year>/staff/meetings/<int:pk>/lock/", staff.meeting_lock, name="lock"),
    path("<int:year>/staff/feedback/", staff.feedback_overview, name="feedback_overview"),
]
