from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreements, name="list"),
    path("<slug:slug>/", views.agreement, name="agreement"),
]
