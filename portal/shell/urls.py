"""The site shell's pages under their language prefix (the home page is in portal/urls.py)."""

from django.urls import path

from portal.shell import views

app_name = "shell"

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:table>.csv", views.figures_csv, name="figures_csv"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("legal/", views.legal, name="legal"),
]
