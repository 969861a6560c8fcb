"""Template tags and filters of the forum's moderation.

`|safe_markup` renders a member's text through the same safe renderer as published posts
(markup.py), for the preview; `|plain_text` turns it into plain text for search excerpts;
`|french_date` writes "1er" for the first day of a month.

`{% post_tools post %}` decides, for the viewer of a topic page, which moderation links a post
gets. It only reads the viewer's groups (cached per request) and machina's permission handler
of the request (cached per forum), so it adds no query per post to the topic page.
"""

import html
import re

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from members import roles

from .. import markup, permissions

register = template.Library()


@register.inclusion_tag("relais_moderation/_post_tools.html", takes_context=True)
def post_tools(context, post):
    request = context.get("request")
    user = getattr(request, "user", None)
    tools = {"post": post, "show": False}
    if user is None or not user.is_authenticated or not roles.has_role(user, roles.MEMBERS):
        return tools
    handler = permissions.handler_for(request)
    topic = post.topic
    forum = topic.forum
    tools["can_report"] = post.approved and post.poster_id != user.pk
    if permissions.is_moderator(user):
        own = post.poster_id == user.pk
        tools["moderate_post"] = not own and permissions.can_moderate_post(user, post, handler)
        if topic.first_post_id == post.pk:
            tools["lock"] = handler.can_lock_topics(forum, user)
            tools["move"] = handler.can_move_topics(forum, user)
            tools["delete_topic"] = handler.can_delete_topics(forum, user)
            tools["sticky"] = handler.can_update_topics_to_sticky_topics(forum, user)
            tools["announce"] = handler.can_update_topics_to_announces(forum, user)
            tools["normal"] = handler.can_update_topics_to_normal_topics(forum, user)
            tools["topic"] = topic
    tools["show"] = any(
        tools.get(key)
        for key in ("can_report", "moderate_post", "lock", "move", "delete_topic", "sticky")
    )
    return tools


@register.simple_tag
def person_name(user):
    """How the forum names a person: their forum display name (forum/identity.py), the one
    name the forum ever shows; "Ancien membre" for a deleted account."""
    from forum import identity

    return identity.display_name(user)


@register.filter
def safe_markup(value):
    """A member's markdown, rendered as a published post is: escaped, then allow-listed."""
    return mark_safe(markup.render(str(value or "")))  # markup.render sanitises


@register.filter
def plain_text(value, skip_first_line=False):
    """Markdown as plain text (no markup, no entities), for an excerpt. With `True`, the first
    line is dropped: the search index stores the post's subject there, shown apart."""
    text = str(value or "")
    if skip_first_line:
        text = text.partition("\n")[2]
    plain = html.unescape(strip_tags(markup.render(text)))
    return re.sub(r"\s+", " ", plain).strip()


@register.filter
def french_date(value, with_year=True):
    """ "1er septembre 2026", "2 septembre 2026": French writes the first day as "1er"."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    rest = format_date(value, "F Y" if with_year else "F")
    return f"{day} {rest}"
