"""Read markers: machina's views, limited to the forums the member may read.

machina's "mark forums read" page accepts any forum id and shows that forum's name and slug,
which would reveal a forum the member may not even see (R-A4): here an unreadable forum is a
404, and so is a forum id that does not exist when marking its topics read (machina's answer
is a server error). The unread topics list loads each topic's forum and last poster with it.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from machina.apps.forum_tracking import views as machina_views


class MarkForumsReadView(machina_views.MarkForumsReadView):
    def _check(self, request, pk):
        if pk is None:
            return
        forums = machina_views.Forum.objects.filter(pk=pk)
        if not request.forum_permission_handler.get_readable_forums(forums, request.user):
            raise Http404

    def get(self, request, pk=None):
        self._check(request, pk)
        return super().get(request, pk)

    def post(self, request, pk=None):
        self._check(request, pk)
        return super().post(request, pk)


class MarkTopicsReadView(machina_views.MarkTopicsReadView):
    def get_controlled_object(self):
        # machina's `Forum.objects.get` turns a forum id that does not exist into a server error.
        return get_object_or_404(machina_views.Forum, pk=self.kwargs["pk"])


class UnreadTopicsView(machina_views.UnreadTopicsView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("forum", "poster__forum_identity", "last_post__poster__forum_identity")
        )
