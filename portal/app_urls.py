from django.urls import path

from portal import directory_views, figures_views

app_name = "portal"

urlpatterns = [
    path("figures/", figures_views.figures, name="figures"),
    path("figures/<slug:table>.csv", figures_views.figures_csv, name="figures_csv"),
    path("partners/", directory_views.directory, name="directory"),
    path("partners/<slug:slug>/", directory_views.organisation, name="organisation"),
]
