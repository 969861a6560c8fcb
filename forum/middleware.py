"""machina's views read `request.forum_permission_handler`; this middleware provides it.

machina ships a middleware that also stores a random key in the session of every anonymous
visitor, on every page of the site. The forum is for members only (issue #5), so visitors need
no forum key: this one attaches the handler and leaves sessions alone.
"""

from machina.core.loading import get_class

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


class ForumPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.forum_permission_handler = PermissionHandler()
        return self.get_response(request)
