from django.urls import path

from agreements import views

app_name = "agreements"

# "record/" comes before "<slug>/": the services never give an agreement that slug.
urlpatterns = [
    path("", views.agreements, name="list"),
    path("record/", views.ceremony, name="ceremony"),
    path("<slug:slug>/", views.agreement, name="agreement"),
    path("<slug:slug>/status/", views.status_change, name="status"),
    path("<slug:slug>/projects/add/", views.project_add, name="project_add"),
    path("<slug:slug>/documents/add/", views.document_add, name="document_add"),
    path("<slug:slug>/documents/<int:pk>/", views.document, name="document"),
    path(
        "<slug:slug>/documents/<int:pk>/publish/", views.document_publish, name="document_publish"
    ),
]
