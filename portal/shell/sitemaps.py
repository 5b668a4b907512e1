"""What search engines are told to crawl: /sitemap.xml lists every public page in each language
with its alternates, /robots.txt points at it and keeps the private areas out.

The demonstration edition (invented data) is left out of both the sitemap and the index: its
pages say `noindex` (templates/base.html).
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from agreements.models import Agreement
from events.models import Mission
from portal.core.models import Organisation
from programme.models import Edition, ProgrammeSession

# Areas that are only for signed-in members and staff, under every language prefix.
PRIVATE = ("accounts", "my", "b2b", "staff", "admin", "inbox")


class SiteSitemap(Sitemap):
    """Every page in each language, with hreflang alternates and x-default, on the configured
    site address (not the host a request happened to use)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "home",
            "programme:editions",
            "events:missions",
            "portal:directory",
            "portal:cooperation",
            "agreements:list",
            "shell:figures",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class EditionsSitemap(SiteSitemap):
    def items(self) -> QuerySet[Edition]:
        return Edition.objects.real().order_by("year")


class ProgrammesSitemap(SiteSitemap):
    def items(self) -> QuerySet[Edition]:
        return Edition.objects.real().order_by("year")

    def location(self, item: Edition) -> str:
        return reverse("programme:programme", kwargs={"year": item.year})


class SessionsSitemap(SiteSitemap):
    def items(self) -> QuerySet[ProgrammeSession]:
        return (
            ProgrammeSession.objects.filter(edition__is_demo=False)
            .select_related("edition")
            .order_by("edition__year", "pk")
        )


class MissionsSitemap(SiteSitemap):
    def items(self) -> QuerySet[Mission]:
        return Mission.objects.order_by("slug")


class OrganisationsSitemap(SiteSitemap):
    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.published().order_by("slug")


class AgreementsSitemap(SiteSitemap):
    def items(self) -> QuerySet[Agreement]:
        return Agreement.objects.public().order_by("slug")


SITEMAPS = {
    "pages": PagesSitemap,
    "editions": EditionsSitemap,
    "programmes": ProgrammesSitemap,
    "sessions": SessionsSitemap,
    "missions": MissionsSitemap,
    "organisations": OrganisationsSitemap,
    "agreements": AgreementsSitemap,
}


def robots_lines() -> list[str]:
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{area}/" for area in PRIVATE]
    # Staff pages also sit inside an edition or the missions (/en/week/2016/staff/).
    lines.append("Disallow: /*/staff/")
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}"]
    return lines


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")
