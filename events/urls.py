from django.urls import path

from events import staff_views, views

app_name = "events"

# Staff paths come first: "staff" is a reserved slug that no mission may take.
urlpatterns = [
    path("", views.missions, name="missions"),
    path("staff/", staff_views.staff_missions, name="staff_missions"),
    path("staff/new/", staff_views.mission_create, name="mission_create"),
    path("staff/<slug:slug>/", staff_views.staff_mission, name="staff_mission"),
    path("staff/<slug:slug>/stops/new/", staff_views.stop_create, name="stop_create"),
    path("staff/<slug:slug>/stops/<int:pk>/", staff_views.stop_edit, name="stop_edit"),
    path("staff/<slug:slug>/stops/<int:pk>/delete/", staff_views.stop_delete, name="stop_delete"),
    path(
        "staff/<slug:slug>/stops/<int:pk>/activities/new/",
        staff_views.activity_create,
        name="activity_create",
    ),
    path("staff/<slug:slug>/activities/<int:pk>/", staff_views.activity_edit, name="activity_edit"),
    path(
        "staff/<slug:slug>/activities/<int:pk>/delete/",
        staff_views.activity_delete,
        name="activity_delete",
    ),
    path(
        "staff/<slug:slug>/activities/<int:pk>/host-to-directory/",
        staff_views.activity_host_to_directory,
        name="activity_host_to_directory",
    ),
    path("<slug:slug>/", views.mission, name="mission"),
    path("<slug:slug>/activities.ics", views.mission_ics, name="mission_ics"),
]
