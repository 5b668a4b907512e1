"""The site's URLs plus `/bench/trivial`: a Django view that does nothing, as the baseline."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *site_urlpatterns]
