"""The inbox, mounted at `inbox/` by portal/urls.py."""

from django.urls import path

from portal.core.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("staff/", views.staff, name="staff"),
    path("staff/<int:pk>/retry/", views.retry, name="retry"),
]
