"""machina's forum_moderation app, overridden (machina's app-override mechanism).

What changes: every view is for moderators only (group Modération and machina's permission on the
forum), every action goes through forum.moderation.services so that it is logged with its
reason, rejecting a post needs a reason that its author reads in the portal, and the queue also
lists reported posts. The URL patterns and forms not defined here are machina's own.
"""
