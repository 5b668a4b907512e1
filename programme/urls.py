from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.editions, name="editions"),
    path("<int:year>/", views.edition, name="edition"),
]
