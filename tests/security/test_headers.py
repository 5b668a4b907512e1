"""Every URL pattern answers with the security headers, whatever its status code."""

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from tests.factories import UserFactory
from tests.test_settings import PRODUCTION_ENV, run_manage

SAMPLE = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _route_to_path(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)


def _regex_to_path(regex: str) -> str:
    out, i = [], 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            depth, j = 0, i
            while j < len(regex):
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                if depth == 0:
                    break
                j += 1
            out.append("x")
            i = j + 1
            continue
        out.append(regex[i])
        i += 1
    text = "".join(out).lstrip("^").replace(r"\Z", "").rstrip("$")
    return text.replace("\\", "")


def _piece(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    if isinstance(pattern, RoutePattern):
        return _route_to_path(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_to_path(pattern.regex.pattern)
    raise AssertionError(f"unknown pattern type {pattern!r}")


def every_path(resolver: URLResolver | None = None, prefix: str = "/") -> Iterator[str]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + _piece(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_path(entry, path)
        elif isinstance(entry, URLPattern):
            yield path


def assert_security_headers(response, path: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives.get("script-src", "'self'"), path
    assert "'unsafe-inline'" not in directives.get("style-src", "'self'"), path
    assert directives.get("frame-ancestors") == "'none'", path
    assert directives.get("default-src") == "'self'", path
    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    assert response.headers.get("Referrer-Policy") == "same-origin", path
    assert response.headers.get("X-Frame-Options") == "DENY", path


PATHS = sorted(set(every_path()))


def test_the_url_walk_covers_the_site() -> None:
    assert "/healthz" in PATHS
    assert "/en/" in PATHS
    assert "/en/partners/x/" in PATHS
    assert len(PATHS) > 50


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_every_url_sends_security_headers(client, path: str) -> None:
    assert_security_headers(client.get(path), path)


@pytest.mark.django_db
def test_every_url_sends_security_headers_to_staff(client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in PATHS:
        assert_security_headers(client.get(path), path)


def test_production_cookies_and_hsts() -> None:
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == [
        "True", "True", "True", "Lax", "Lax", "31536000", "True", "True",
    ]  # fmt: skip
