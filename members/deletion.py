"""Clean-up hooks that later features add to the deletion of an account (R-C8).

Deleting an account erases what the members app holds (members.services.data_rights); each
later feature (forum posts, help requests, appointments…) registers here the function that
erases or anonymises its own data, and it runs inside the same transaction:

    from members import deletion

    @deletion.register
    def forget_forum_posts(user, *, remove_forum_posts):
        ...

A hook receives the user (still holding their id and public_id, not yet anonymised) and the
member's choice about forum posts; it raises ValidationError to abort the whole deletion.
"""

_hooks = []


def register(fn):
    """Add a clean-up hook; usable as a decorator. Registering twice has no effect."""
    if fn not in _hooks:
        _hooks.append(fn)
    return fn


def unregister(fn):
    """Remove a hook (tests that register their own)."""
    if fn in _hooks:
        _hooks.remove(fn)


def hooks():
    return tuple(_hooks)


def run_hooks(user, *, remove_forum_posts):
    for hook in hooks():
        hook(user, remove_forum_posts=remove_forum_posts)
