"""Markdown for forum posts, rendered so that nothing a member writes can run (issue #5, item 7).

machina renders a post's markdown when it is saved (MACHINA_MARKUP_LANGUAGE points here).
markdown2's "escape" safe mode already escapes raw HTML and replaces unsafe link targets, but it
lets `data:` URLs through in images and it would load images from anywhere, which tells a third
party who reads a confidential topic. So its output goes through a strict allow-list as well:

- only plain formatting elements survive; anything else is dropped (its text is kept, except
  the content of script-like elements);
- attributes are dropped except a link's href/title (and a code block's language class);
- a link target must be relative or http(s)/mailto, after entities, case and hidden characters
  are undone; anything else becomes "#";
- images are never embedded: they become a link to the image, with their description as text.

Only the standard library is used (html.parser), so the rule holds without another dependency.
"""

import html
import re
from html.parser import HTMLParser

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
VOID_TAGS = {"br", "hr"}
# Elements whose content is never shown (it is code or styling, not text).
DROP_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]+")


def safe_url(value):
    """The URL when it is relative or uses a safe scheme, "#" otherwise."""
    if value is None:
        return "#"
    # html.parser already decoded entities once; decode again for double-encoded tricks.
    cleaned = _INVISIBLE.sub("", html.unescape(value))
    if not cleaned:
        return "#"
    head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
    if ":" in head and head.split(":", 1)[0].lower() not in SAFE_SCHEMES:
        return "#"
    return cleaned


class _Sanitiser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.open_tags = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT_TAGS:
            self.dropping += 1
            return
        if self.dropping:
            return
        attributes = dict(attrs)
        if tag == "img":
            href = safe_url(attributes.get("src"))
            text = attributes.get("alt") or "image"
            self.out.append(
                f'<a href="{html.escape(href)}" rel="nofollow noopener noreferrer">'
                f"{html.escape(text)}</a>"
            )
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = ""
        if tag == "a":
            kept = f' href="{html.escape(safe_url(attributes.get("href")))}"'
            if attributes.get("title"):
                kept += f' title="{html.escape(attributes["title"])}"'
            kept += ' rel="nofollow noopener noreferrer"'
        elif tag == "code" and re.fullmatch(r"language-[\w-]{1,30}", attributes.get("class") or ""):
            kept = f' class="{attributes["class"]}"'
        if tag in VOID_TAGS:
            self.out.append(f"<{tag}{kept}>")
            return
        self.out.append(f"<{tag}{kept}>")
        self.open_tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROP_CONTENT_TAGS:
            self.dropping -= 1

    def handle_endtag(self, tag):
        if tag in DROP_CONTENT_TAGS:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in ALLOWED_TAGS or tag in VOID_TAGS:
            return
        if tag in self.open_tags:
            while self.open_tags:
                last = self.open_tags.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def close(self):
        super().close()
        while self.open_tags:
            self.out.append(f"</{self.open_tags.pop()}>")
        return "".join(self.out)


def sanitise(fragment):
    """Keep only the allowed elements and attributes of an HTML fragment."""
    parser = _Sanitiser()
    parser.feed(fragment)
    return parser.close()


def render(text, **kwargs):
    """machina's render function: markdown in escape mode, then the allow-list."""
    kwargs.setdefault("safe_mode", "escape")
    return smart_str(sanitise(markdown2(text or "", **kwargs)).strip())
