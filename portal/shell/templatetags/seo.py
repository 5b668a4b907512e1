"""Template helpers for the page head: capture a block once to use it in several tags (title,
description, share image), absolute addresses, and schema.org data for events."""

from typing import Any

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from portal.shell import seo, structured_data

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # Already escaped by the template; tags dropped and whitespace folded, since the text
        # goes into attributes (<meta content="...">) as well as <title>.
        text = " ".join(strip_tags(self.nodelist.render(context)).split())
        # Safe: rendered by the template engine (escaped), then stripped of tags.
        context[self.name] = mark_safe(text)  # nosec B308, B703
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """{% capture as name %}...{% endcapture %}: the rendered text as `name`, shown nowhere.
    A {% block %} inside stays overridable, which is how one block feeds several head tags."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter
def absolute(url: str) -> str:
    """An address on the configured site (PONTE_SITE_URL)."""
    return seo.absolute(str(url)) if url else ""


def _json_ld(context: template.Context, data: dict[str, Any] | None) -> SafeString | str:
    if data is None:
        return ""
    request = context.get("request")
    # A data block is never run, so script-src does not apply to it; it carries the page's
    # nonce all the same, for the browsers and checkers that treat every inline script alike.
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        # as_script_text escapes <, > and & so the JSON cannot close its script element.
        mark_safe(structured_data.as_script_text(data)),  # nosec B308, B703
    )


@register.simple_tag(takes_context=True)
def edition_json_ld(context: template.Context, edition: Any) -> SafeString | str:
    return _json_ld(context, structured_data.edition_event(edition))


@register.simple_tag(takes_context=True)
def session_json_ld(context: template.Context, session: Any, edition: Any) -> SafeString | str:
    return _json_ld(context, structured_data.session_event(session, edition))
