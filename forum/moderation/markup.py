"""Markdown for forum posts, rendered so that nothing a member writes can run (issue #5, item 7).

machina renders a post's markdown when it is saved (MACHINA_MARKUP_LANGUAGE points here).
markdown2's "escape" safe mode already escapes raw HTML, but it lets `data:` URLs through in
images and it would load images from anywhere, which tells a third party who reads a
confidential topic. So its output goes through nh3 (the Python binding of the ammonia HTML
sanitiser, which parses as a browser does) with a strict allow-list:

- only plain formatting elements survive; anything else is dropped (its text is kept, except
  the content of script-like elements);
- attributes are dropped except a link's href/title (and a code block's language class);
- a link target must be relative or http(s)/mailto; any other is removed;
- images are never embedded: they become a link to the image, with their description as text.
"""

import html
import re

import nh3
from django.utils.encoding import smart_str
from markdown2 import markdown as markdown2

ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# Elements whose content is never shown (it is code or styling, not text).
DROP_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}
SAFE_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"
_CODE_LANGUAGE = re.compile(r"language-[\w-]{1,30}")
# nh3 writes attributes one way only (name="value", value escaped), so its output can be read back.
_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def _keep_attribute(tag, name, value):
    """A code block keeps its language class and nothing else; other attributes as allowed."""
    if tag == "code" and name == "class":
        return value if _CODE_LANGUAGE.fullmatch(value) else None
    return value


def _image_as_link(match):
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    href = attributes.get("src") or "#"  # nh3 already removed a source with an unsafe scheme
    text = html.unescape(attributes.get("alt") or "") or "image"
    return f'<a href="{href}" rel="{LINK_REL}">{html.escape(text)}</a>'


def sanitise(fragment):
    """Keep only the allowed elements and attributes of an HTML fragment; images become links."""
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS | {"img"},
        clean_content_tags=DROP_CONTENT_TAGS,
        attributes={"a": {"href", "title"}, "code": {"class"}, "img": {"src", "alt"}},
        attribute_filter=_keep_attribute,
        url_schemes=SAFE_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _IMAGE.sub(_image_as_link, cleaned)


def render(text, **kwargs):
    """machina's render function: markdown in escape mode, then the allow-list."""
    kwargs.setdefault("safe_mode", "escape")
    return smart_str(sanitise(markdown2(text or "", **kwargs)).strip())
