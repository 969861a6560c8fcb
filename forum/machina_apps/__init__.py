"""machina apps that Relais overrides, the way machina is meant to be extended.

Each subpackage replaces one machina app in INSTALLED_APPS (same label), and holds only the
modules it changes; machina's class loader (`machina.core.loading.get_class`) looks here first
and falls back to machina's own module for everything else. The models stay machina's: each
`models.py` re-exports them and MIGRATION_MODULES points to machina's migrations.

- forum: the index and a forum's topic list, in a fixed number of queries (issue #5, Speed).
- forum_conversation: the topic page in a fixed number of queries; posting calls the
  moderation hooks, the notifications and the read markers explicitly.
- forum_member: names are forum display names (forum/identity.py), never e-mails or real
  names; member pages show the forum author card built by members/privacy.py.
- forum_tracking: the read-marker pages refuse forums the member may not read.
- forum_permission: a checker that computes each forum on its own (machina 1.3.1 lets a
  group's denial on one forum leak into the forums checked after it).
- forum_search: the results page under names the portal's frame does not use.

Each AppConfig sets `default = True`: its module also imports machina's config, and Django
would otherwise fall back to a bare AppConfig without machina's `ready()` (its receivers).
"""
