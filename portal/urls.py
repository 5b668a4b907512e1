"""The site's URLs: language-prefixed pages, plus a few fixed paths."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from portal.core.staff import secure_admin_site
from portal.shell import sitemaps, views

handler500 = "portal.shell.views.server_error"

# The admin's own sign-in form knows no second factor and no rate limit: allauth's replaces it.
secure_admin_site(admin.site)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("portal.core.urls")),
    path("", include("portal.shell.urls")),
    path("week/", include("programme.urls")),
    path("missions/", include("events.urls")),
    path("b2b/", include("matchmaking.urls")),
    path("agreements/", include("agreements.urls")),
    path("inbox/", include("portal.core.notifications.urls")),
    prefix_default_language=True,
)

if not settings.PRODUCTION:
    # Uploaded files; in production the web server or object storage serves them.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
