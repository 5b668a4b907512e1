from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.missions, name="missions"),
    path("<slug:slug>/", views.mission, name="mission"),
]
