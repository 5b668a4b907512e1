"""What search engines and link previews read in a page's head: the page's address in each
language and its canonical address (absolute, from the configured site address), its Open Graph
locale, and the programme's default share image.

Search engines ignore relative hreflang links, and WeChat, LinkedIn and newsletters fetch the
preview image by an absolute address: every address here starts with settings.SITE_URL.
"""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.core.links import page_in_language

# Open Graph names a locale language_TERRITORY; the programme's English is British.
OG_LOCALES = {"en": "en_GB", "it": "it_IT", "zh-hans": "zh_CN"}
# Made once with Pillow from the site's colours (see the commit that added it); 1.91:1 is the
# ratio WeChat, LinkedIn and Twitter crop large previews to.
DEFAULT_IMAGE = "img/share.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def absolute(url: str) -> str:
    """`url` on the configured site address, unless it already names a host."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def without_language(path: str) -> str:
    """The path without its language prefix: Django's locale middleware sends a reader of such
    an address to the page in their browser's language, which is what x-default means."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def alternates(path: str) -> list[dict[str, str]]:
    """The page at `path` in every language, then x-default, as absolute addresses."""
    links = [
        {"code": code, "url": absolute(page_in_language(path, code))}
        for code, _name in settings.LANGUAGES
    ]
    links.append({"code": "x-default", "url": absolute(without_language(path))})
    return links


def page_metadata(request: HttpRequest) -> dict[str, object]:
    """The head's addresses and locale; built only by pages that show them (no query)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "canonical": absolute(path),
        "alternates": alternates(path),
        "locale": OG_LOCALES.get(language, OG_LOCALES[settings.LANGUAGE_CODE]),
        "alternate_locales": [locale for code, locale in OG_LOCALES.items() if code != language],
        "image": absolute(static(DEFAULT_IMAGE)),
        "image_width": DEFAULT_IMAGE_SIZE[0],
        "image_height": DEFAULT_IMAGE_SIZE[1],
    }


def seo(request: HttpRequest) -> dict[str, object]:
    """Context processor: `seo`, the page's metadata, computed when a template first reads it."""
    return {"seo": SimpleLazyObject(lambda: page_metadata(request))}
